;; The neighbour precomputation's scan of one run of IVF-listed rows (src/numeric/listed-scan.ts holds the
;; compiled bytes and says what each argument is). For each listed row k in from..to: a lower bound on its
;; distance to the query from float32 lanes, the tests that rule it out unread, its visit stamp, the exact
;; float64 distance below the limit its bonus leaves, and a push of its score wf / (1 + distance) + bonus
;; into a min-heap of float32 scores where, at equal scores, the smaller row ranks higher: the decisions
;; of the JavaScript row loop it replaces, in the same order, so the lists are the same to the bit.
;; Rebuild after editing: node --import tsx scripts/wasm.ts (test/numeric/wasm-modules.test.ts fails while
;; the text and the embedded bytes differ)
(module
  (memory (export "memory") 1)
  (func (export "scan")
    (param $q i32) (param $rows i32) (param $d4 i32) (param $from i32) (param $to i32)
    (param $bonus i32) (param $items i32) (param $stamp i32) (param $epoch i32)
    (param $hi i32) (param $hs i32) (param $cap i32) (param $size i32)
    (param $wf f64) (param $most f64) (param $low f64) (param $safe f64)
    (result i32)
    (local $k i32) (local $bytes i32) (local $ro i32) (local $j i32) (local $pass i32)
    (local $x v128) (local $t v128) (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $lo v128) (local $hi2 v128) (local $thr v128) (local $b v128)
    (local $r1 i32) (local $r2 i32) (local $r3 i32)
    (local.set $bytes (i32.shl (local.get $d4) (i32.const 2)))
    (local.set $k (local.get $from))
    (local.set $ro (i32.add (local.get $rows) (i32.mul (local.get $from) (local.get $bytes))))
    ;; four rows at a time: their float32 distances, then both tests that rule a row out unread, at the
    ;; heap's worst score as it stands before them (it only rises, so a row these rule out, the tests
    ;; row by row would too); only the rows left go one by one through $visit
    (block $gdone (loop $gloop
      (br_if $gdone (i32.gt_u (i32.add (local.get $k) (i32.const 4)) (local.get $to)))
      (local.set $a0 (v128.const i32x4 0 0 0 0)) (local.set $a1 (v128.const i32x4 0 0 0 0))
      (local.set $a2 (v128.const i32x4 0 0 0 0)) (local.set $a3 (v128.const i32x4 0 0 0 0))
      (local.set $r1 (i32.add (local.get $ro) (local.get $bytes)))
      (local.set $r2 (i32.add (local.get $r1) (local.get $bytes)))
      (local.set $r3 (i32.add (local.get $r2) (local.get $bytes)))
      (local.set $j (i32.const 0))
      (block $jdone (loop $jloop
        (br_if $jdone (i32.ge_u (local.get $j) (local.get $bytes)))
        (local.set $x (v128.load (i32.add (local.get $q) (local.get $j))))
        (local.set $t (f32x4.sub (local.get $x) (v128.load (i32.add (local.get $ro) (local.get $j)))))
        (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $t) (local.get $t))))
        (local.set $t (f32x4.sub (local.get $x) (v128.load (i32.add (local.get $r1) (local.get $j)))))
        (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $t) (local.get $t))))
        (local.set $t (f32x4.sub (local.get $x) (v128.load (i32.add (local.get $r2) (local.get $j)))))
        (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (local.get $t) (local.get $t))))
        (local.set $t (f32x4.sub (local.get $x) (v128.load (i32.add (local.get $r3) (local.get $j)))))
        (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (local.get $t) (local.get $t))))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $jloop)))
      ;; four horizontal sums at once, each (l0 + l1) + (l2 + l3) as $hsum does (the k-means dist kernel's)
      (local.set $x (f32x4.add
        (i8x16.shuffle 0 1 2 3 16 17 18 19 8 9 10 11 24 25 26 27 (local.get $a0) (local.get $a1))
        (i8x16.shuffle 4 5 6 7 20 21 22 23 12 13 14 15 28 29 30 31 (local.get $a0) (local.get $a1))))
      (local.set $t (f32x4.add
        (i8x16.shuffle 0 1 2 3 16 17 18 19 8 9 10 11 24 25 26 27 (local.get $a2) (local.get $a3))
        (i8x16.shuffle 4 5 6 7 20 21 22 23 12 13 14 15 28 29 30 31 (local.get $a2) (local.get $a3))))
      (local.set $x (f32x4.add
        (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $x) (local.get $t))
        (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $x) (local.get $t))))
      ;; lower bounds of rows k, k+1 and k+2, k+3 in float64
      (local.set $lo (f64x2.mul (f64x2.promote_low_f32x4 (local.get $x)) (f64x2.splat (local.get $low))))
      (local.set $hi2 (f64x2.mul
        (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $x) (local.get $x)))
        (f64x2.splat (local.get $low))))
      ;; the worst kept score, or −∞ (no bonus test) while the heap has room
      (local.set $thr (f64x2.splat (select
        (f64.promote_f32 (f32.load (local.get $hs)))
        (f64.const -inf)
        (i32.eq (local.get $size) (local.get $cap)))))
      (local.set $b (v128.load (i32.add (local.get $bonus) (i32.shl (local.get $k) (i32.const 2)))))
      (local.set $pass (i32.xor (i32.const 15) (i32.or
        (i64x2.bitmask (call $ruled (local.get $lo) (f64x2.promote_low_f32x4 (local.get $b))
          (local.get $thr) (local.get $wf) (local.get $most) (local.get $safe)))
        (i32.shl (i64x2.bitmask (call $ruled (local.get $hi2)
          (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $b) (local.get $b)))
          (local.get $thr) (local.get $wf) (local.get $most) (local.get $safe))) (i32.const 2)))))
      (if (local.get $pass)
        (then
          (if (i32.and (local.get $pass) (i32.const 1))
            (then (local.set $size (call $visit (local.get $k) (f64x2.extract_lane 0 (local.get $lo))
              (local.get $q) (local.get $ro) (local.get $bytes) (local.get $bonus) (local.get $items)
              (local.get $stamp) (local.get $epoch) (local.get $hi) (local.get $hs) (local.get $cap)
              (local.get $size) (local.get $wf) (local.get $safe)))))
          (if (i32.and (local.get $pass) (i32.const 2))
            (then (local.set $size (call $visit (i32.add (local.get $k) (i32.const 1)) (f64x2.extract_lane 1 (local.get $lo))
              (local.get $q) (local.get $r1) (local.get $bytes) (local.get $bonus)
              (local.get $items) (local.get $stamp) (local.get $epoch) (local.get $hi) (local.get $hs)
              (local.get $cap) (local.get $size) (local.get $wf) (local.get $safe)))))
          (if (i32.and (local.get $pass) (i32.const 4))
            (then (local.set $size (call $visit (i32.add (local.get $k) (i32.const 2)) (f64x2.extract_lane 0 (local.get $hi2))
              (local.get $q) (local.get $r2) (local.get $bytes)
              (local.get $bonus) (local.get $items) (local.get $stamp) (local.get $epoch) (local.get $hi)
              (local.get $hs) (local.get $cap) (local.get $size) (local.get $wf) (local.get $safe)))))
          (if (i32.and (local.get $pass) (i32.const 8))
            (then (local.set $size (call $visit (i32.add (local.get $k) (i32.const 3)) (f64x2.extract_lane 1 (local.get $hi2))
              (local.get $q) (local.get $r3) (local.get $bytes)
              (local.get $bonus) (local.get $items) (local.get $stamp) (local.get $epoch) (local.get $hi)
              (local.get $hs) (local.get $cap) (local.get $size) (local.get $wf) (local.get $safe)))))))
      (local.set $ro (i32.add (local.get $ro) (i32.shl (local.get $bytes) (i32.const 2))))
      (local.set $k (i32.add (local.get $k) (i32.const 4)))
      (br $gloop)))
    ;; the last rows one at a time
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $k) (local.get $to)))
      (local.set $a0 (v128.const i32x4 0 0 0 0))
      (local.set $j (i32.const 0))
      (block $j2done (loop $j2loop
        (br_if $j2done (i32.ge_u (local.get $j) (local.get $bytes)))
        (local.set $t (f32x4.sub (v128.load (i32.add (local.get $q) (local.get $j)))
                                 (v128.load (i32.add (local.get $ro) (local.get $j)))))
        (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $t) (local.get $t))))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $j2loop)))
      (local.set $lo (f64x2.splat (f64.mul (f64.promote_f32 (call $hsum (local.get $a0))) (local.get $low))))
      (if (f64.lt (f64x2.extract_lane 0 (local.get $lo)) (local.get $most))
        (then (local.set $size (call $visit (local.get $k) (f64x2.extract_lane 0 (local.get $lo))
          (local.get $q) (local.get $ro) (local.get $bytes) (local.get $bonus) (local.get $items)
          (local.get $stamp) (local.get $epoch) (local.get $hi) (local.get $hs) (local.get $cap)
          (local.get $size) (local.get $wf) (local.get $safe)))))
      (local.set $ro (i32.add (local.get $ro) (local.get $bytes)))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $next)))
    (local.get $size))
  ;; lanes (all ones) of rows a test rules out: a lower bound of `most` or more, or a bonus too small at
  ;; that distance to beat the worst kept score (score ≤ wf / (1 + bound) + bonus)
  (func $ruled (param $bound v128) (param $bonus v128) (param $thr v128) (param $wf f64) (param $most f64) (param $safe f64)
    (result v128)
    (local $room v128)
    (local.set $room (f64x2.sub (local.get $thr) (local.get $bonus)))
    (v128.or
      (f64x2.ge (local.get $bound) (f64x2.splat (local.get $most)))
      (v128.and
        (f64x2.gt (local.get $room) (f64x2.splat (f64.const 0)))
        (f64x2.ge
          (f64x2.mul (f64x2.mul (f64x2.add (local.get $bound) (f64x2.splat (f64.const 1))) (local.get $room))
            (f64x2.splat (local.get $safe)))
          (f64x2.splat (local.get $wf))))))
  ;; listed row k (at $ro, lower bound $bound below `most`) past the bonus test at the heap as it is now,
  ;; its visit stamp, the limit its bonus leaves, the exact distance and the push; the heap's new size
  (func $visit (param $k i32) (param $bound f64) (param $q i32) (param $ro i32) (param $bytes i32)
    (param $bonus i32) (param $items i32) (param $stamp i32) (param $epoch i32)
    (param $hi i32) (param $hs i32) (param $cap i32) (param $size i32) (param $wf f64) (param $safe f64)
    (result i32)
    (local $j i32) (local $row i32) (local $sp i32) (local $p f64) (local $room f64) (local $limit f64)
    (local $s f64) (local $x f64)
    (local.set $p (f64.promote_f32 (f32.load (i32.add (local.get $bonus) (i32.shl (local.get $k) (i32.const 2))))))
    (local.set $limit (f64.const inf))
    (if (i32.eq (local.get $size) (local.get $cap))
      (then
        (local.set $room (f64.sub (f64.promote_f32 (f32.load (local.get $hs))) (local.get $p)))
        (if (f64.gt (local.get $room) (f64.const 0))
          (then
            ;; its own bonus too small at that distance
            (if (f64.ge
                  (f64.mul (f64.mul (f64.add (local.get $bound) (f64.const 1)) (local.get $room)) (local.get $safe))
                  (local.get $wf))
              (then (return (local.get $size))))
            ;; score = wf / (1 + dist) + p beats the heap's worst only while dist < wf / room − 1
            (local.set $limit (f64.sub (f64.div (local.get $wf) (local.get $room)) (f64.const 1)))))))
    (local.set $row (i32.load (i32.add (local.get $items) (i32.shl (local.get $k) (i32.const 2)))))
    (local.set $sp (i32.add (local.get $stamp) (i32.shl (local.get $row) (i32.const 2))))
    (if (i32.eq (i32.load (local.get $sp)) (local.get $epoch)) (then (return (local.get $size))))
    (i32.store (local.get $sp) (local.get $epoch))
    (if (f64.le (local.get $limit) (f64.const 0)) (then (return (local.get $size))))
    (if (f64.ge (local.get $bound) (local.get $limit)) (then (return (local.get $size))))
    ;; the exact distance, column after column in float64 (padding columns add zero), stopping once it
    ;; reaches the limit
    (local.set $s (f64.const 0))
    (block $sdone (loop $sloop
      (br_if $sdone (i32.ge_u (local.get $j) (local.get $bytes)))
      (br_if $sdone (i32.eqz (f64.lt (local.get $s) (local.get $limit))))
      (local.set $x (f64.sub (f64.promote_f32 (f32.load (i32.add (local.get $q) (local.get $j))))
                             (f64.promote_f32 (f32.load (i32.add (local.get $ro) (local.get $j))))))
      (local.set $s (f64.add (local.get $s) (f64.mul (local.get $x) (local.get $x))))
      (local.set $x (f64.sub (f64.promote_f32 (f32.load offset=4 (i32.add (local.get $q) (local.get $j))))
                             (f64.promote_f32 (f32.load offset=4 (i32.add (local.get $ro) (local.get $j))))))
      (local.set $s (f64.add (local.get $s) (f64.mul (local.get $x) (local.get $x))))
      (local.set $x (f64.sub (f64.promote_f32 (f32.load offset=8 (i32.add (local.get $q) (local.get $j))))
                             (f64.promote_f32 (f32.load offset=8 (i32.add (local.get $ro) (local.get $j))))))
      (local.set $s (f64.add (local.get $s) (f64.mul (local.get $x) (local.get $x))))
      (local.set $x (f64.sub (f64.promote_f32 (f32.load offset=12 (i32.add (local.get $q) (local.get $j))))
                             (f64.promote_f32 (f32.load offset=12 (i32.add (local.get $ro) (local.get $j))))))
      (local.set $s (f64.add (local.get $s) (f64.mul (local.get $x) (local.get $x))))
      (local.set $j (i32.add (local.get $j) (i32.const 16)))
      (br $sloop)))
    (if (i32.eqz (f64.lt (local.get $s) (local.get $limit))) (then (return (local.get $size))))
    (call $push (local.get $hi) (local.get $hs) (local.get $cap) (local.get $size) (local.get $row)
      (f32.demote_f64 (f64.add (f64.div (local.get $wf) (f64.add (f64.const 1) (local.get $s))) (local.get $p)))))
  ;; (row, score) into the heap of `size` items at hi (rows) and hs (scores), worst at the root; the new
  ;; size. An item ranks below another at a lower score, or at the same score with a larger row.
  (func $push (param $hi i32) (param $hs i32) (param $cap i32) (param $size i32) (param $row i32) (param $score f32)
    (result i32)
    (local $i i32) (local $at i32) (local $l i32) (local $c i32) (local $ca i32) (local $sc f32) (local $rc i32)
    (local $sr f32) (local $rr i32)
    (if (i32.lt_u (local.get $size) (local.get $cap))
      (then
        ;; sift up from the new last place while the newcomer ranks below its parent
        (local.set $i (local.get $size))
        (block $up (loop $uloop
          (br_if $up (i32.eqz (local.get $i)))
          (local.set $c (i32.shr_u (i32.sub (local.get $i) (i32.const 1)) (i32.const 1)))
          (local.set $ca (i32.shl (local.get $c) (i32.const 2)))
          (local.set $sc (f32.load (i32.add (local.get $hs) (local.get $ca))))
          (local.set $rc (i32.load (i32.add (local.get $hi) (local.get $ca))))
          (br_if $up (i32.eqz (i32.or (f32.lt (local.get $score) (local.get $sc))
            (i32.and (f32.eq (local.get $score) (local.get $sc)) (i32.gt_s (local.get $row) (local.get $rc))))))
          (local.set $at (i32.shl (local.get $i) (i32.const 2)))
          (i32.store (i32.add (local.get $hi) (local.get $at)) (local.get $rc))
          (f32.store (i32.add (local.get $hs) (local.get $at)) (local.get $sc))
          (local.set $i (local.get $c))
          (br $uloop)))
        (local.set $at (i32.shl (local.get $i) (i32.const 2)))
        (i32.store (i32.add (local.get $hi) (local.get $at)) (local.get $row))
        (f32.store (i32.add (local.get $hs) (local.get $at)) (local.get $score))
        (return (i32.add (local.get $size) (i32.const 1)))))
    ;; full: the newcomer must outrank the worst kept, then sinks from the root
    (local.set $sc (f32.load (local.get $hs)))
    (local.set $rc (i32.load (local.get $hi)))
    (if (i32.eqz (i32.or (f32.lt (local.get $sc) (local.get $score))
          (i32.and (f32.eq (local.get $sc) (local.get $score)) (i32.gt_s (local.get $rc) (local.get $row)))))
      (then (return (local.get $size))))
    (block $down (loop $dloop
      (local.set $l (i32.add (i32.shl (local.get $i) (i32.const 1)) (i32.const 1)))
      (br_if $down (i32.ge_u (local.get $l) (local.get $size)))
      ;; the lower-ranked child: the right one when there is one and it ranks below the left
      (local.set $ca (i32.shl (local.get $l) (i32.const 2)))
      (local.set $sc (f32.load (i32.add (local.get $hs) (local.get $ca))))
      (local.set $rc (i32.load (i32.add (local.get $hi) (local.get $ca))))
      (if (i32.lt_u (i32.add (local.get $l) (i32.const 1)) (local.get $size))
        (then
          (local.set $sr (f32.load offset=4 (i32.add (local.get $hs) (local.get $ca))))
          (local.set $rr (i32.load offset=4 (i32.add (local.get $hi) (local.get $ca))))
          (if (i32.or (f32.lt (local.get $sr) (local.get $sc))
                (i32.and (f32.eq (local.get $sr) (local.get $sc)) (i32.gt_s (local.get $rr) (local.get $rc))))
            (then
              (local.set $l (i32.add (local.get $l) (i32.const 1)))
              (local.set $sc (local.get $sr))
              (local.set $rc (local.get $rr))))))
      ;; stop once that child does not rank below the newcomer
      (br_if $down (i32.eqz (i32.or (f32.lt (local.get $sc) (local.get $score))
        (i32.and (f32.eq (local.get $sc) (local.get $score)) (i32.gt_s (local.get $rc) (local.get $row))))))
      (local.set $at (i32.shl (local.get $i) (i32.const 2)))
      (i32.store (i32.add (local.get $hi) (local.get $at)) (local.get $rc))
      (f32.store (i32.add (local.get $hs) (local.get $at)) (local.get $sc))
      (local.set $i (local.get $l))
      (br $dloop)))
    (local.set $at (i32.shl (local.get $i) (i32.const 2)))
    (i32.store (i32.add (local.get $hi) (local.get $at)) (local.get $row))
    (f32.store (i32.add (local.get $hs) (local.get $at)) (local.get $score))
    (local.get $size))
  (func $hsum (param $v v128) (result f32)
    (f32.add
      (f32.add (f32x4.extract_lane 0 (local.get $v)) (f32x4.extract_lane 1 (local.get $v)))
      (f32.add (f32x4.extract_lane 2 (local.get $v)) (f32x4.extract_lane 3 (local.get $v))))))
