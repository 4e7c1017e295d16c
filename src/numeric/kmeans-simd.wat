;; The k-means WebAssembly kernels: f32x4 squared distances and nearest-centre scans, and the float64
;; block arithmetic of the exact steps (src/numeric/kmeans-wasm.ts holds the compiled bytes).
;; Rebuild after editing: node --import tsx scripts/wasm.ts (rewrites WASM_BASE64 in kmeans-wasm.ts;
;; test/numeric/wasm-modules.test.ts fails while the two differ)
(module
  (memory (export "memory") 1)
  ;; out[r*C + c] = ||x_r - c_c||^2 (f32 lanes), rows at xp (r*d floats), centres at cp (c*d floats).
  ;; d must be a multiple of 4. Centres go four at a time so each x vector load feeds four of them.
  (func (export "dist") (param $xp i32) (param $rows i32) (param $d i32) (param $cp i32) (param $C i32) (param $out i32)
    (local $r i32) (local $c i32) (local $j i32) (local $xrow i32) (local $bytes i32)
    (local $c0 i32) (local $c1 i32) (local $c2 i32) (local $c3 i32)
    (local $x v128) (local $t v128) (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local.set $bytes (i32.shl (local.get $d) (i32.const 2)))
    (local.set $xrow (local.get $xp))
    (block $rdone (loop $rloop
      (br_if $rdone (i32.ge_u (local.get $r) (local.get $rows)))
      (local.set $c (i32.const 0))
      ;; groups of four centres
      (block $gdone (loop $gloop
        (br_if $gdone (i32.gt_u (i32.add (local.get $c) (i32.const 4)) (local.get $C)))
        (local.set $c0 (i32.add (local.get $cp) (i32.mul (local.get $c) (local.get $bytes))))
        (local.set $c1 (i32.add (local.get $c0) (local.get $bytes)))
        (local.set $c2 (i32.add (local.get $c1) (local.get $bytes)))
        (local.set $c3 (i32.add (local.get $c2) (local.get $bytes)))
        (local.set $a0 (v128.const i32x4 0 0 0 0)) (local.set $a1 (v128.const i32x4 0 0 0 0))
        (local.set $a2 (v128.const i32x4 0 0 0 0)) (local.set $a3 (v128.const i32x4 0 0 0 0))
        (local.set $j (i32.const 0))
        (block $jdone (loop $jloop
          (br_if $jdone (i32.ge_u (local.get $j) (local.get $bytes)))
          (local.set $x (v128.load (i32.add (local.get $xrow) (local.get $j))))
          (local.set $t (f32x4.sub (local.get $x) (v128.load (i32.add (local.get $c0) (local.get $j)))))
          (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $t) (local.get $t))))
          (local.set $t (f32x4.sub (local.get $x) (v128.load (i32.add (local.get $c1) (local.get $j)))))
          (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $t) (local.get $t))))
          (local.set $t (f32x4.sub (local.get $x) (v128.load (i32.add (local.get $c2) (local.get $j)))))
          (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (local.get $t) (local.get $t))))
          (local.set $t (f32x4.sub (local.get $x) (v128.load (i32.add (local.get $c3) (local.get $j)))))
          (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (local.get $t) (local.get $t))))
          (local.set $j (i32.add (local.get $j) (i32.const 16)))
          (br $jloop)))
        ;; four horizontal sums at once, each (l0 + l1) + (l2 + l3) as $hsum does
        (local.set $x (f32x4.add
          (i8x16.shuffle 0 1 2 3 16 17 18 19 8 9 10 11 24 25 26 27 (local.get $a0) (local.get $a1))
          (i8x16.shuffle 4 5 6 7 20 21 22 23 12 13 14 15 28 29 30 31 (local.get $a0) (local.get $a1))))
        (local.set $t (f32x4.add
          (i8x16.shuffle 0 1 2 3 16 17 18 19 8 9 10 11 24 25 26 27 (local.get $a2) (local.get $a3))
          (i8x16.shuffle 4 5 6 7 20 21 22 23 12 13 14 15 28 29 30 31 (local.get $a2) (local.get $a3))))
        (v128.store (local.get $out) (f32x4.add
          (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $x) (local.get $t))
          (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $x) (local.get $t))))
        (local.set $out (i32.add (local.get $out) (i32.const 16)))
        (local.set $c (i32.add (local.get $c) (i32.const 4)))
        (br $gloop)))
      ;; remaining centres one at a time
      (block $sdone (loop $sloop
        (br_if $sdone (i32.ge_u (local.get $c) (local.get $C)))
        (local.set $c0 (i32.add (local.get $cp) (i32.mul (local.get $c) (local.get $bytes))))
        (local.set $a0 (v128.const i32x4 0 0 0 0))
        (local.set $j (i32.const 0))
        (block $j2done (loop $j2loop
          (br_if $j2done (i32.ge_u (local.get $j) (local.get $bytes)))
          (local.set $t (f32x4.sub (v128.load (i32.add (local.get $xrow) (local.get $j)))
                                   (v128.load (i32.add (local.get $c0) (local.get $j)))))
          (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $t) (local.get $t))))
          (local.set $j (i32.add (local.get $j) (i32.const 16)))
          (br $j2loop)))
        (f32.store (local.get $out) (call $hsum (local.get $a0)))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $sloop)))
      (local.set $xrow (i32.add (local.get $xrow) (local.get $bytes)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $rloop))))
  ;; Per row of a rows×k distance matrix at $out: [nearest (i32), smallest, second smallest] into $res
  ;; (three slots a row), clamped to the largest finite float32. Ties keep the lowest index.
  ;; Four rows at a time, one per lane: the running minimum is a chain from centre to centre, so one
  ;; row alone waits on it; four rows share each step. The last rows % 4 go one by one.
  (func (export "near") (param $out i32) (param $rows i32) (param $k i32) (param $res i32)
    (local $r i32) (local $c i32) (local $best i32) (local $lt i32) (local $v f32) (local $a1 f32) (local $a2 f32)
    (local $stride i32) (local $p i32)
    (local $vv v128) (local $b1 v128) (local $b2 v128) (local $bi v128) (local $cv v128) (local $m v128)
    (local.set $stride (i32.shl (local.get $k) (i32.const 2)))
    (block $qdone (loop $qloop
      (br_if $qdone (i32.gt_u (i32.add (local.get $r) (i32.const 4)) (local.get $rows)))
      (local.set $b1 (v128.const f32x4 inf inf inf inf))
      (local.set $b2 (v128.const f32x4 inf inf inf inf))
      (local.set $bi (v128.const i32x4 0 0 0 0))
      (local.set $cv (v128.const i32x4 0 0 0 0))
      (local.set $p (local.get $out))
      (local.set $c (i32.const 0))
      (block $cdone4 (loop $cloop4
        (br_if $cdone4 (i32.ge_u (local.get $c) (local.get $k)))
        (local.set $vv (v128.load32_zero (local.get $p)))
        (local.set $vv (f32x4.replace_lane 1 (local.get $vv) (f32.load (i32.add (local.get $p) (local.get $stride)))))
        (local.set $vv (f32x4.replace_lane 2 (local.get $vv)
          (f32.load (i32.add (local.get $p) (i32.shl (local.get $stride) (i32.const 1))))))
        (local.set $vv (f32x4.replace_lane 3 (local.get $vv)
          (f32.load (i32.add (local.get $p) (i32.mul (local.get $stride) (i32.const 3))))))
        (local.set $vv (f32x4.min (local.get $vv) (v128.const f32x4 0x1.fffffep+127 0x1.fffffep+127 0x1.fffffep+127 0x1.fffffep+127)))
        (local.set $m (f32x4.lt (local.get $vv) (local.get $b1)))
        (local.set $b2 (v128.bitselect (local.get $b1) (f32x4.min (local.get $b2) (local.get $vv)) (local.get $m)))
        (local.set $bi (v128.bitselect (local.get $cv) (local.get $bi) (local.get $m)))
        (local.set $b1 (v128.bitselect (local.get $vv) (local.get $b1) (local.get $m)))
        (local.set $cv (i32x4.add (local.get $cv) (v128.const i32x4 1 1 1 1)))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $cloop4)))
      (i32.store (local.get $res) (i32x4.extract_lane 0 (local.get $bi)))
      (f32.store offset=4 (local.get $res) (f32x4.extract_lane 0 (local.get $b1)))
      (f32.store offset=8 (local.get $res) (f32x4.extract_lane 0 (local.get $b2)))
      (i32.store offset=12 (local.get $res) (i32x4.extract_lane 1 (local.get $bi)))
      (f32.store offset=16 (local.get $res) (f32x4.extract_lane 1 (local.get $b1)))
      (f32.store offset=20 (local.get $res) (f32x4.extract_lane 1 (local.get $b2)))
      (i32.store offset=24 (local.get $res) (i32x4.extract_lane 2 (local.get $bi)))
      (f32.store offset=28 (local.get $res) (f32x4.extract_lane 2 (local.get $b1)))
      (f32.store offset=32 (local.get $res) (f32x4.extract_lane 2 (local.get $b2)))
      (i32.store offset=36 (local.get $res) (i32x4.extract_lane 3 (local.get $bi)))
      (f32.store offset=40 (local.get $res) (f32x4.extract_lane 3 (local.get $b1)))
      (f32.store offset=44 (local.get $res) (f32x4.extract_lane 3 (local.get $b2)))
      (local.set $res (i32.add (local.get $res) (i32.const 48)))
      (local.set $out (i32.add (local.get $out) (i32.shl (local.get $stride) (i32.const 2))))
      (local.set $r (i32.add (local.get $r) (i32.const 4)))
      (br $qloop)))
    (block $rdone (loop $rloop
      (br_if $rdone (i32.ge_u (local.get $r) (local.get $rows)))
      (local.set $a1 (f32.const inf))
      (local.set $a2 (f32.const inf))
      (local.set $best (i32.const 0))
      (local.set $c (i32.const 0))
      (block $cdone (loop $cloop
        (br_if $cdone (i32.ge_u (local.get $c) (local.get $k)))
        ;; the same steps as the lanes above: v < a1 moves a1 to a2 and v to a1, else a2 = min(a2, v)
        ;; (distances are finite or +inf, never NaN, so min is exact here)
        (local.set $v (f32.min (f32.load (local.get $out)) (f32.const 0x1.fffffep+127)))
        (local.set $lt (f32.lt (local.get $v) (local.get $a1)))
        (local.set $a2 (select (local.get $a1) (f32.min (local.get $a2) (local.get $v)) (local.get $lt)))
        (local.set $best (select (local.get $c) (local.get $best) (local.get $lt)))
        (local.set $a1 (select (local.get $v) (local.get $a1) (local.get $lt)))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $cloop)))
      (i32.store (local.get $res) (local.get $best))
      (f32.store offset=4 (local.get $res) (local.get $a1))
      (f32.store offset=8 (local.get $res) (local.get $a2))
      (local.set $res (i32.add (local.get $res) (i32.const 12)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $rloop))))
  ;; Column moments (float64) of rows at $xp (d4 floats each), shifted by the row at $x0: for each column
  ;; j, acc[j] += t and acc[d4 + j] += t·t with t = x[j] − x0[j], rows in order: the same float64
  ;; operations, in the same order, as momentRows in kmeans-block-math.ts.
  (func (export "moments") (param $xp i32) (param $rows i32) (param $d4 i32) (param $x0 i32) (param $acc i32)
    (local $r i32) (local $j i32) (local $bytes i32) (local $a i32) (local $sq i32)
    (local $v v128) (local $z v128) (local $t v128)
    (local.set $bytes (i32.shl (local.get $d4) (i32.const 2)))
    (block $rdone (loop $rloop
      (br_if $rdone (i32.ge_u (local.get $r) (local.get $rows)))
      (local.set $j (i32.const 0))
      (block $jdone (loop $jloop
        (br_if $jdone (i32.ge_u (local.get $j) (local.get $bytes)))
        (local.set $v (v128.load (i32.add (local.get $xp) (local.get $j))))
        (local.set $z (v128.load (i32.add (local.get $x0) (local.get $j))))
        (local.set $a (i32.add (local.get $acc) (i32.shl (local.get $j) (i32.const 1))))
        (local.set $sq (i32.add (local.get $a) (i32.shl (local.get $bytes) (i32.const 1))))
        (local.set $t (f64x2.sub (f64x2.promote_low_f32x4 (local.get $v)) (f64x2.promote_low_f32x4 (local.get $z))))
        (v128.store (local.get $a) (f64x2.add (v128.load (local.get $a)) (local.get $t)))
        (v128.store (local.get $sq) (f64x2.add (v128.load (local.get $sq)) (f64x2.mul (local.get $t) (local.get $t))))
        (local.set $t (f64x2.sub
          (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v)))
          (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $z) (local.get $z)))))
        (v128.store offset=16 (local.get $a) (f64x2.add (v128.load offset=16 (local.get $a)) (local.get $t)))
        (v128.store offset=16 (local.get $sq) (f64x2.add (v128.load offset=16 (local.get $sq)) (f64x2.mul (local.get $t) (local.get $t))))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $jloop)))
      (local.set $xp (i32.add (local.get $xp) (local.get $bytes)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $rloop))))
  ;; Partial sums (float64) of rows at $xp by label (i32 at $lab + 4r): counts[c] += 1 and
  ;; sums[c·d4 + j] += x[j], rows in order: the same operations, in the same order, as addSums.
  (func (export "sums") (param $xp i32) (param $rows i32) (param $d4 i32) (param $lab i32) (param $sums i32) (param $counts i32)
    (local $r i32) (local $j i32) (local $bytes i32) (local $c i32) (local $s i32) (local $a i32) (local $v v128)
    (local.set $bytes (i32.shl (local.get $d4) (i32.const 2)))
    (block $rdone (loop $rloop
      (br_if $rdone (i32.ge_u (local.get $r) (local.get $rows)))
      (local.set $c (i32.load (i32.add (local.get $lab) (i32.shl (local.get $r) (i32.const 2)))))
      (local.set $a (i32.add (local.get $counts) (i32.shl (local.get $c) (i32.const 3))))
      (f64.store (local.get $a) (f64.add (f64.load (local.get $a)) (f64.const 1)))
      (local.set $s (i32.add (local.get $sums) (i32.mul (local.get $c) (i32.shl (local.get $bytes) (i32.const 1)))))
      (local.set $j (i32.const 0))
      (block $jdone (loop $jloop
        (br_if $jdone (i32.ge_u (local.get $j) (local.get $bytes)))
        (local.set $v (v128.load (i32.add (local.get $xp) (local.get $j))))
        (local.set $a (i32.add (local.get $s) (i32.shl (local.get $j) (i32.const 1))))
        (v128.store (local.get $a) (f64x2.add (v128.load (local.get $a)) (f64x2.promote_low_f32x4 (local.get $v))))
        (v128.store offset=16 (local.get $a) (f64x2.add (v128.load offset=16 (local.get $a))
          (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v)))))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $jloop)))
      (local.set $xp (i32.add (local.get $xp) (local.get $bytes)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $rloop))))
  ;; Float64 squared distance of each row at $xp to its own centre (label i32 at $lab + 4r, centres at
  ;; $cp, d4 floats each), with sqDistance's arithmetic: four running sums over columns j ≡ 0..3 (mod 4)
  ;; for the whole groups of four within d, the d mod 4 last columns into the first, then
  ;; (s0 + s1) + (s2 + s3). Writes √ of each as float32 to $out + 4r; returns their sum in row order.
  (func (export "own") (param $xp i32) (param $rows i32) (param $d i32) (param $d4 i32) (param $lab i32) (param $cp i32) (param $out i32) (result f64)
    (local $r i32) (local $j i32) (local $bytes i32) (local $whole i32) (local $c i32)
    (local $lo v128) (local $hi v128) (local $t v128) (local $x v128) (local $y v128)
    (local $s0 f64) (local $e f64) (local $sq f64) (local $total f64)
    (local.set $bytes (i32.shl (local.get $d4) (i32.const 2)))
    (local.set $whole (i32.shl (i32.and (local.get $d) (i32.const -4)) (i32.const 2)))
    (block $rdone (loop $rloop
      (br_if $rdone (i32.ge_u (local.get $r) (local.get $rows)))
      (local.set $c (i32.add (local.get $cp) (i32.mul (local.get $bytes)
        (i32.load (i32.add (local.get $lab) (i32.shl (local.get $r) (i32.const 2)))))))
      (local.set $lo (v128.const i32x4 0 0 0 0))
      (local.set $hi (v128.const i32x4 0 0 0 0))
      (local.set $j (i32.const 0))
      (block $jdone (loop $jloop
        (br_if $jdone (i32.ge_u (local.get $j) (local.get $whole)))
        (local.set $x (v128.load (i32.add (local.get $xp) (local.get $j))))
        (local.set $y (v128.load (i32.add (local.get $c) (local.get $j))))
        (local.set $t (f64x2.sub (f64x2.promote_low_f32x4 (local.get $x)) (f64x2.promote_low_f32x4 (local.get $y))))
        (local.set $lo (f64x2.add (local.get $lo) (f64x2.mul (local.get $t) (local.get $t))))
        (local.set $t (f64x2.sub
          (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $x) (local.get $x)))
          (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $y) (local.get $y)))))
        (local.set $hi (f64x2.add (local.get $hi) (f64x2.mul (local.get $t) (local.get $t))))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $jloop)))
      (local.set $s0 (f64x2.extract_lane 0 (local.get $lo)))
      (block $tdone (loop $tloop
        (br_if $tdone (i32.ge_u (local.get $j) (i32.shl (local.get $d) (i32.const 2))))
        (local.set $e (f64.sub (f64.promote_f32 (f32.load (i32.add (local.get $xp) (local.get $j))))
                               (f64.promote_f32 (f32.load (i32.add (local.get $c) (local.get $j))))))
        (local.set $s0 (f64.add (local.get $s0) (f64.mul (local.get $e) (local.get $e))))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $tloop)))
      (local.set $sq (f64.add
        (f64.add (local.get $s0) (f64x2.extract_lane 1 (local.get $lo)))
        (f64.add (f64x2.extract_lane 0 (local.get $hi)) (f64x2.extract_lane 1 (local.get $hi)))))
      (local.set $total (f64.add (local.get $total) (local.get $sq)))
      (f32.store (i32.add (local.get $out) (i32.shl (local.get $r) (i32.const 2))) (f32.demote_f64 (f64.sqrt (local.get $sq))))
      (local.set $xp (i32.add (local.get $xp) (local.get $bytes)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $rloop)))
    (local.get $total))
;; Hamerly's first guess settled, for rows whose distances `near` scanned ([nearest, a1, a2] a row):
  ;; hi = √(a1 + 2⁻¹⁰⁰)·$hiK and lo = √(max(0, min(a2, FLT_MAX) − 2⁻¹⁰⁰))·$loK, as upperFromF32 and
  ;; lowerFromF32 compute them in kmeans-block-math.ts. Where lo > hi the row takes the nearest as its
  ;; label (i32 at $lab + 4r) and hi, lo as float32 bounds ($up, $lo); other rows are listed after the
  ;; count at $amb for a float64 rescan. Returns how many labels changed.
  ;; With $list ≥ 0, row r of `near` is chunk row list[r] − $base (i32 at $list + 4r), and that offset is
  ;; what is read, written and listed as ambiguous.
  (func (export "settle") (param $near i32) (param $rows i32) (param $hiK f64) (param $loK f64) (param $lab i32) (param $up i32) (param $lo i32) (param $amb i32) (param $list i32) (param $base i32) (result i32)
    (local $r i32) (local $best i32) (local $changed i32) (local $na i32) (local $at i32) (local $hi f64) (local $low f64) (local $row i32)
    (block $rdone (loop $rloop
      (br_if $rdone (i32.ge_u (local.get $r) (local.get $rows)))
      (local.set $best (i32.load (local.get $near)))
      (local.set $hi (f64.mul (f64.sqrt (f64.add (f64.promote_f32 (f32.load offset=4 (local.get $near))) (f64.const 0x1p-100))) (local.get $hiK)))
      (local.set $low (f64.mul (f64.sqrt (f64.max (f64.const 0) (f64.sub
        (f64.min (f64.promote_f32 (f32.load offset=8 (local.get $near))) (f64.const 0x1.fffffep+127)) (f64.const 0x1p-100)))) (local.get $loK)))
      (local.set $row (local.get $r))
      (if (i32.ge_s (local.get $list) (i32.const 0))
        (then (local.set $row (i32.sub
          (i32.load (i32.add (local.get $list) (i32.shl (local.get $r) (i32.const 2)))) (local.get $base)))))
      (local.set $at (i32.shl (local.get $row) (i32.const 2)))
      (if (f64.gt (local.get $low) (local.get $hi))
        (then
          (if (i32.ne (local.get $best) (i32.load (i32.add (local.get $lab) (local.get $at))))
            (then (local.set $changed (i32.add (local.get $changed) (i32.const 1)))
                  (i32.store (i32.add (local.get $lab) (local.get $at)) (local.get $best))))
          (f32.store (i32.add (local.get $up) (local.get $at)) (f32.demote_f64 (local.get $hi)))
          (f32.store (i32.add (local.get $lo) (local.get $at)) (f32.demote_f64 (local.get $low))))
        (else
          (local.set $na (i32.add (local.get $na) (i32.const 1)))
          (i32.store (i32.add (local.get $amb) (i32.shl (local.get $na) (i32.const 2))) (local.get $row))))
      (local.set $near (i32.add (local.get $near) (i32.const 12)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $rloop)))
    (i32.store (local.get $amb) (local.get $na))
    (local.get $changed))
  ;; Hamerly's bound test (hamerlyBounds in kmeans-hamerly.ts, same float64 operations): for row r with
  ;; label a, u = upper + shift[a] and l = lower − (a = $maxAt ? $second : $maxShift); rows with
  ;; u > max(half[a], l) go to the list at $list (as $base + r), the others keep u and l as float32
  ;; bounds rounded outwards by 2⁻²⁰ (roundUp, roundDown). Returns the list's length.
  (func (export "bounds") (param $rows i32) (param $lab i32) (param $up i32) (param $lo i32) (param $half i32) (param $shift i32) (param $maxShift f64) (param $maxAt i32) (param $second f64) (param $list i32) (param $base i32) (result i32)
    (local $r i32) (local $a i32) (local $at i32) (local $m i32) (local $u f64) (local $l f64)
    (block $rdone (loop $rloop
      (br_if $rdone (i32.ge_u (local.get $r) (local.get $rows)))
      (local.set $at (i32.shl (local.get $r) (i32.const 2)))
      (local.set $a (i32.load (i32.add (local.get $lab) (local.get $at))))
      (local.set $u (f64.add (f64.promote_f32 (f32.load (i32.add (local.get $up) (local.get $at))))
        (f64.load (i32.add (local.get $shift) (i32.shl (local.get $a) (i32.const 3))))))
      (local.set $l (f64.sub (f64.promote_f32 (f32.load (i32.add (local.get $lo) (local.get $at))))
        (select (local.get $second) (local.get $maxShift) (i32.eq (local.get $a) (local.get $maxAt)))))
      (if (f64.gt (local.get $u) (f64.max (f64.load (i32.add (local.get $half) (i32.shl (local.get $a) (i32.const 3)))) (local.get $l)))
        (then
          (i32.store (i32.add (local.get $list) (i32.shl (local.get $m) (i32.const 2))) (i32.add (local.get $base) (local.get $r)))
          (local.set $m (i32.add (local.get $m) (i32.const 1))))
        (else
          (f32.store (i32.add (local.get $up) (local.get $at))
            (f32.demote_f64 (f64.add (local.get $u) (f64.mul (f64.abs (local.get $u)) (f64.const 0x1p-20)))))
          (f32.store (i32.add (local.get $lo) (local.get $at))
            (f32.demote_f64 (f64.sub (local.get $l) (f64.mul (f64.abs (local.get $l)) (f64.const 0x1p-20)))))))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $rloop)))
    (local.get $m))
;; k-means++ candidates: for a rows×count distance matrix at $out and each row's best squared distance
  ;; so far (f32 at $best + 4r), pot[t] += (v < best ? v : best) in float64, rows in order (evalRows).
  (func (export "evalpot") (param $out i32) (param $rows i32) (param $count i32) (param $best i32) (param $pot i32)
    (local $r i32) (local $t i32) (local $own f32) (local $v f32) (local $a i32)
    (block $rdone (loop $rloop
      (br_if $rdone (i32.ge_u (local.get $r) (local.get $rows)))
      (local.set $own (f32.load (i32.add (local.get $best) (i32.shl (local.get $r) (i32.const 2)))))
      (local.set $t (i32.const 0))
      (block $tdone (loop $tloop
        (br_if $tdone (i32.ge_u (local.get $t) (local.get $count)))
        (local.set $v (f32.load (local.get $out)))
        (local.set $a (i32.add (local.get $pot) (i32.shl (local.get $t) (i32.const 3))))
        (f64.store (local.get $a) (f64.add (f64.load (local.get $a))
          (f64.promote_f32 (select (local.get $v) (local.get $own) (f32.lt (local.get $v) (local.get $own))))))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $tloop)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $rloop))))
  ;; k-means++: one new centre's squared distances (one a row at $out) folded into each row's best and
  ;; second best (f32 at $best, $second) and nearest centre (i32 at $lab), as commitRows; returns the
  ;; rows' potential (their best distances summed in float64, in row order).
  (func (export "commit") (param $out i32) (param $rows i32) (param $centre i32) (param $best i32) (param $second i32) (param $lab i32) (result f64)
    (local $r i32) (local $at i32) (local $v f32) (local $b f32) (local $pot f64)
    (block $rdone (loop $rloop
      (br_if $rdone (i32.ge_u (local.get $r) (local.get $rows)))
      (local.set $at (i32.shl (local.get $r) (i32.const 2)))
      (local.set $v (f32.load (i32.add (local.get $out) (local.get $at))))
      (local.set $b (f32.load (i32.add (local.get $best) (local.get $at))))
      (if (f32.lt (local.get $v) (local.get $b))
        (then
          (f32.store (i32.add (local.get $second) (local.get $at)) (local.get $b))
          (f32.store (i32.add (local.get $best) (local.get $at)) (local.get $v))
          (i32.store (i32.add (local.get $lab) (local.get $at)) (local.get $centre))
          (local.set $b (local.get $v)))
        (else
          (if (f32.lt (local.get $v) (f32.load (i32.add (local.get $second) (local.get $at))))
            (then (f32.store (i32.add (local.get $second) (local.get $at)) (local.get $v))))))
      (local.set $pot (f64.add (local.get $pot) (f64.promote_f32 (local.get $b))))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $rloop)))
    (local.get $pot))
;; The listed rows (i32 row numbers at $list, minus $base) of a chunk staged at $src (d4 floats a row)
  ;; copied to $dest in list order: one bulk copy of the chunk and this, instead of a copy a row from JS.
  (func (export "gather") (param $src i32) (param $list i32) (param $m i32) (param $base i32) (param $d4 i32) (param $dest i32)
    (local $r i32) (local $j i32) (local $bytes i32) (local $from i32)
    (local.set $bytes (i32.shl (local.get $d4) (i32.const 2)))
    (block $rdone (loop $rloop
      (br_if $rdone (i32.ge_u (local.get $r) (local.get $m)))
      (local.set $from (i32.add (local.get $src) (i32.mul (local.get $bytes)
        (i32.sub (i32.load (i32.add (local.get $list) (i32.shl (local.get $r) (i32.const 2)))) (local.get $base)))))
      (local.set $j (i32.const 0))
      (block $jdone (loop $jloop
        (br_if $jdone (i32.ge_u (local.get $j) (local.get $bytes)))
        (v128.store (i32.add (local.get $dest) (local.get $j)) (v128.load (i32.add (local.get $from) (local.get $j))))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $jloop)))
      (local.set $dest (i32.add (local.get $dest) (local.get $bytes)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $rloop))))
  (func $hsum (param $v v128) (result f32)
    (f32.add
      (f32.add (f32x4.extract_lane 0 (local.get $v)) (f32x4.extract_lane 1 (local.get $v)))
      (f32.add (f32x4.extract_lane 2 (local.get $v)) (f32x4.extract_lane 3 (local.get $v))))))
