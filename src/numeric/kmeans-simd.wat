;; f32x4 squared distances for k-means seeding (src/numeric/kmeans-simd.ts holds the compiled bytes).
;; Rebuild: npx -y -p wabt@1.0.39 wat2wasm src/numeric/kmeans-simd.wat -o /tmp/k.wasm && base64 -w0 /tmp/k.wasm
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
  ;; Per row of a rows×k distance matrix at $out: the nearest centre and the two smallest distances
  ;; overall, then the two smallest within each of $t groups (group of centre c: i32 at $gp + 4c).
  ;; Row r of $res holds [best (i32), a1, a2, m1 × t, m2 × t]. Values are clamped to the largest
  ;; finite float32, so +inf in m1/m2 means "no centre there". Ties keep the lowest index.
  (func (export "scan") (param $out i32) (param $rows i32) (param $k i32) (param $gp i32) (param $t i32) (param $res i32)
    (local $r i32) (local $c i32) (local $g i32) (local $best i32) (local $m1p i32) (local $m2p i32)
    (local $v f32) (local $a1 f32) (local $a2 f32) (local $w f32)
    (block $rdone (loop $rloop
      (br_if $rdone (i32.ge_u (local.get $r) (local.get $rows)))
      (local.set $g (i32.const 0))
      (block $idone (loop $iloop
        (br_if $idone (i32.ge_u (local.get $g) (i32.shl (local.get $t) (i32.const 1))))
        (f32.store offset=12 (i32.add (local.get $res) (i32.shl (local.get $g) (i32.const 2))) (f32.const inf))
        (local.set $g (i32.add (local.get $g) (i32.const 1)))
        (br $iloop)))
      (local.set $a1 (f32.const inf))
      (local.set $a2 (f32.const inf))
      (local.set $best (i32.const 0))
      (local.set $c (i32.const 0))
      (block $cdone (loop $cloop
        (br_if $cdone (i32.ge_u (local.get $c) (local.get $k)))
        (local.set $v (f32.min (f32.load (local.get $out)) (f32.const 0x1.fffffep+127)))
        (if (f32.lt (local.get $v) (local.get $a1))
          (then (local.set $a2 (local.get $a1)) (local.set $a1 (local.get $v)) (local.set $best (local.get $c)))
          (else (if (f32.lt (local.get $v) (local.get $a2)) (then (local.set $a2 (local.get $v))))))
        (local.set $g (i32.load (i32.add (local.get $gp) (i32.shl (local.get $c) (i32.const 2)))))
        (local.set $m1p (i32.add (i32.add (local.get $res) (i32.const 12)) (i32.shl (local.get $g) (i32.const 2))))
        (local.set $m2p (i32.add (local.get $m1p) (i32.shl (local.get $t) (i32.const 2))))
        (local.set $w (f32.load (local.get $m1p)))
        (if (f32.lt (local.get $v) (local.get $w))
          (then (f32.store (local.get $m2p) (local.get $w)) (f32.store (local.get $m1p) (local.get $v)))
          (else (if (f32.lt (local.get $v) (f32.load (local.get $m2p))) (then (f32.store (local.get $m2p) (local.get $v))))))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $cloop)))
      (i32.store (local.get $res) (local.get $best))
      (f32.store offset=4 (local.get $res) (local.get $a1))
      (f32.store offset=8 (local.get $res) (local.get $a2))
      (local.set $res (i32.add (local.get $res) (i32.shl (i32.add (i32.const 3) (i32.shl (local.get $t) (i32.const 1))) (i32.const 2))))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $rloop))))
  (func $hsum (param $v v128) (result f32)
    (f32.add
      (f32.add (f32x4.extract_lane 0 (local.get $v)) (f32x4.extract_lane 1 (local.get $v)))
      (f32.add (f32x4.extract_lane 2 (local.get $v)) (f32x4.extract_lane 3 (local.get $v))))))
