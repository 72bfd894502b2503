;; Finds an ASCII query of 1 to 16 bytes in text, ignoring ASCII case, 16 places at a time (SIMD).
;; `npm run wasm` assembles this into foldScanWasm.ts; test/unit/find/foldScan.test.ts checks they agree.
;;
;; Memory: [0, 16) the query, letters in lower case; [16, 32) 0x20 under each letter, 0 under any other byte;
;; the text from byte 64. OR-ing a byte with 0x20 gives a lower-case letter exactly when the byte is that letter
;; in either case, so a letter compares ignoring case and every other byte compares as itself.
(module
  (memory (export "memory") 2)
  ;; The first place p in [from, end) where the m-byte query starts in the text, or -1. The caller keeps
  ;; end + m - 1 within the text it wrote; bytes past `end` + 30 may be read and are ignored.
  (func (export "find") (param $from i32) (param $end i32) (param $m i32) (result i32)
    (local $p i32) (local $bits i32) (local $q i32) (local $j i32)
    (local $first v128) (local $firstMask v128) (local $last v128) (local $lastMask v128)
    (local.set $first (i8x16.splat (i32.load8_u (i32.const 0))))
    (local.set $firstMask (i8x16.splat (i32.load8_u (i32.const 16))))
    (local.set $last (i8x16.splat (i32.load8_u (i32.sub (local.get $m) (i32.const 1)))))
    (local.set $lastMask (i8x16.splat (i32.load8_u (i32.add (local.get $m) (i32.const 15)))))
    (local.set $p (local.get $from))
    (block $done
      (loop $scan
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        ;; a bit for each of the 16 places whose first and last bytes are the query's
        (local.set $bits
          (i8x16.bitmask
            (v128.and
              (i8x16.eq (v128.or (v128.load offset=64 (local.get $p)) (local.get $firstMask)) (local.get $first))
              (i8x16.eq
                (v128.or (v128.load offset=63 (i32.add (local.get $p) (local.get $m))) (local.get $lastMask))
                (local.get $last)))))
        ;; places at or past `end` belong to the next call
        (if (i32.lt_u (i32.sub (local.get $end) (local.get $p)) (i32.const 16))
          (then
            (local.set $bits
              (i32.and (local.get $bits)
                (i32.sub (i32.shl (i32.const 1) (i32.sub (local.get $end) (local.get $p))) (i32.const 1))))))
        (block $none
          (loop $candidates
            (br_if $none (i32.eqz (local.get $bits)))
            (local.set $q (i32.add (local.get $p) (i32.ctz (local.get $bits))))
            ;; compare the bytes between, folded as above
            (local.set $j (i32.const 1))
            (block $compared
              (loop $compare
                (br_if $compared (i32.ge_u (local.get $j) (local.get $m)))
                (br_if $compared
                  (i32.ne
                    (i32.or
                      (i32.load8_u offset=64 (i32.add (local.get $q) (local.get $j)))
                      (i32.load8_u offset=16 (local.get $j)))
                    (i32.load8_u (local.get $j))))
                (local.set $j (i32.add (local.get $j) (i32.const 1)))
                (br $compare)))
            (if (i32.ge_u (local.get $j) (local.get $m)) (then (return (local.get $q))))
            (local.set $bits (i32.and (local.get $bits) (i32.sub (local.get $bits) (i32.const 1))))
            (br $candidates)))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $scan)))
    (i32.const -1)))
