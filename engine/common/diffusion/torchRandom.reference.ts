/**
 * Reference float32 bit patterns (hex, space-separated) from PyTorch 1.13.1
 * (Debian's python3-torch, x86-64 with AVX2), produced with
 * `g = torch.Generator().manual_seed(seed); torch.randn(shape, generator=g)`
 * and `t.numpy().view(np.uint32)`. The CPU generator's algorithm is the same
 * in PyTorch 2.x (only log(1 − u) became log1p(−u) in the small-count path,
 * which leaves float32 results as they are). Data only, for
 * torchRandom.test.ts.
 */

/** seed 42, randn(1, 4, 8, 8): 256 values, the 16-block path with no tail. */
export const SEED_42_1x4x8x8 = `
  3ff6a529 3fbe5f53 3f669567 c006c0db 3f2dacd5 bf9e0591 bd306786 bfcd65ba bf408bf0
  3fd3095b bec8f2f6 bfb3a966 bf3a566e bf0f36d1 bf44d2a0 3f432f9f 3fd23771 be236d85
  befeaae4 3ee111d8 bf4214e2 3f8a0650 3f4d0144 3fd71e93 3fa3ba59 3fa5f12f 3f1c4788
  3faad8b0 be6d2eed 3d2b0c00 be80ce7a 3f5c1fb0 bfb13cfd bf5f0955 be64ba09 3fdbd280
  3ea34448 bed95a8d 3e9c8774 bf464bb2 bfc75e89 3f7ee202 bf6139a5 bf19e472 bfa31763
  4007dbb6 bf9e091d bef9cfd9 bf69f04e bf287baf 3d9fcafb 3f069b67 bef9da0d 3f987ec8
  bf5062ce bf3c6a06 bfb39da0 3d137895 bd82005f 3f2cf519 bdc84efb 3fec1ba8 bf979eec
  3fb11825 3fb8fa25 3f5b3dda 400df4f4 3f05ee2d 3eb17bac be4a1141 bf86fcc5 3fa3955c
  be30529c 3f061700 3d67ec48 3eda437d 3f133388 bf244808 c00d35a2 bf4034a1 3c32104d
  bead6fa3 bfab9b63 bf15dad8 3f0943a0 3f064dab 3f9212e5 3d53883c 3f3e73a3 bef6923b
  bf8654e8 3f1a991d bfdc742a bf53e8a9 3faad78c 3ef79276 c0209c60 3ef9db46 3f48daaf
  3ceaad81 3f24088a 3f154fb4 3f88910e bee67a81 be3db6c2 3f40b4ce 3ecf3c6a 3e36bfca
  3e87a238 3fa2f72e baabd149 be9b71f4 bfba7fee bdd19523 bf196218 3ef440bd 3f39e6c0
  3dbaadd4 bec7338e 3f072589 bc4fd6c1 3e769dcc 3e07b75a 3f43a546 3f8c2947 3eae0630
  3f384fca 3ed2a405 3ff73045 3f8184c1 bfb7dc2b bf909f3f be0b4ca3 3fd1551a 3f279d17
  3f137509 3f921cef 3c9814bd bfe7249f 3f6ce94d bec02d23 3f843c35 bf2fc85b 3f230638
  bf790128 3f755d7d 3fcf41f6 3fb9ad95 3e89f97c be576ccd bf3b98f6 3dd59a1a 3eb28f95
  3f77b440 beee6eb7 3fcd69ff c01eba4a bed5c84b bf9904a1 3f4ff550 bff34554 3e6a0ff7
  3ccba5f3 beb12064 3e92dbc0 bf3b187d 3e330415 bf8c05e0 bfcd1397 3fad2bba 3fa4f84e
  3d5633c7 bfc5ff32 3f41b77d 3f468872 4001b2c2 3d12b57d 3df6f739 bf4e3ffa be548f05
  bf6e9422 bfcba4c8 bf9167a7 bf05c8f5 bf04ce54 bfc029d3 bff69c9b 3e02eb6f 3f82eed3
  bf0e4897 3f344b38 3f35ba6f 3fe31f29 bf6beac4 3f76631e beac8d40 bf967155 3eb75342
  3ef52111 3fad460b 3f06ac01 40072ba1 bf055057 bf6e97f4 3e3d9aef 3f88cae5 3fa73c85
  3eeb6f6e bf508b63 bf82b7f8 befd669f bf179dce 3e1e0500 3ee1ac39 be17d9f0 c0146160
  becbc60b 3f8a4d60 bfe3f35d 3fc107a2 3e9e6d6b bf001441 3f847afc 3fd8465b bb939f1d
  3fd55974 3e1d9d40 bf87b65f bf1299b0 3dab25b8 3eccc065 3ffe9e57 bd936e30 bf67f5cf
  c0031e1a bf8a6007 3c905e47 3da034f2 3e45cb4a 3ed1c0b7 bf6ddb7c 3e8d68e4 bf09f3bb
  3eecd797 bf5f3420 bcde2753 beb4dca1 3fbb5faa 3fa0b212 bf370758 3f5a9a75 3f035364
  3f0a2bd0 3f10c4f0 3f017b91 3e63cae4
`;

/** seed 1234, randn(n) on a fresh generator: n = 1, 15 take the double Box–Muller path; 17, 31, 33 the 16-block path with its tail rule. */
export const SEED_1234: Record<number, string> = {
  1: '3d3cf34c',
  15: `
    3d3cf34c 3ece07be bf8179c9 3e5df0a1 bf1cbdee 3f00eca2 3e6c8290 3f316d84 be88a1f3
    400b6bfc 3dd12d5c be849ceb be1e9e36 bfaf6f75 be071626
`,
  17: `
    bde4ccb4 bdbd013f bf34759e bfcd1a34 3e94048c 3efad05a bec542b7 bf3647e6 3f230cb5
    bfbacee3 3e61f474 3e7c2981 bfa99370 3f326d51 bf29bde6 3f9b9dec c021bfdc
`,
  31: `
    bde4ccb4 befe410f 3e26fccb bf61b64a 3d5cc673 3f2b1a8a bd745b89 beef5be4 be5c6b44
    3f624b4f bf42279c bebcdc41 beaf4e37 bfb373d0 3ea42bf9 3f4c76a6 bfbf5817 3f6186ab
    bf96ddec bf6f1a4c bf114aa9 be8df0c9 c00bbcca 3ed6cc4b 3f702290 3c0010b7 bea0b252
    bf940ee3 3feba139 bf823b38 3f9c1013
`,
  33: `
    bde4ccb4 befe410f 3e26fccb bf61b64a 3d5cc673 3f2b1a8a bd745b89 beef5be4 be5c6b44
    3f624b4f bf42279c bebcdc41 beaf4e37 bfb373d0 3ea42bf9 bf82cc3a 3f4c804b 3f6186ab
    bf96ddec bf6f1a4c bf114aa9 be8df0c9 c00bbcca 3ebbd0aa 3f44466f 3c0010b7 bea0b252
    bf940ee3 3feba139 bf823b38 3f9c1013 3e23f845 bf2f8a31
`,
};

/** seed 0, one generator: randn(4), randn(16), randn(3), randn(1); the last two start from the sample the first call cached. */
export const SEED_0_STREAM = [
  '3fc53f5c be963c50 c00b7149 3f1184b6',
  `
  beb65675 3edfdba8 3efb8c53 be51000b bdb54ff7 3f061d37 bf2a768b 3f59b255 bf8599a7
  bfac32f6 3f490d11 3f7e2a99 be45d1c6 be9e3056 3f00a89d bf5c04a1
`,
  'bf5b4f07 3f8ce099 bf891cab',
  '3dfb4aca',
];

/** seed 0: rand(5). */
export const SEED_0_RAND_5 = '3efe1558 3f44aa2f 3db533a8 3e073300 3e9d6686';

/** seed 0, one generator: rand(3) then randn(20). */
export const SEED_0_RAND_THEN_RANDN = [
  '3efe1558 3f44aa2f 3db533a8',
  `
  bede255d 3f594515 3f312783 bea1cc6d 3fed2f4e 3eefaa55 be217f5f 3fb8c9db 3e8837a1
  3e2a7345 3f5fd77d be12eacf bf57fb33 3f6e8c30 3fa12737 4000519a 3d5c1b3a 3f1e38f6
  bed35ad0 bf575006
`,
];

/** randn(2) for seed −1 (the same as 2⁶⁴ − 1 and 2³² − 1) and for 2⁶⁴ − 2. */
export const SEED_MINUS_1_N2 = '3f9c2132 bec9349b';
export const SEED_2_POW_64_MINUS_2_N2 = 'bf3f4b3a 3fb92e85';

/** Latent-sized draws, summarised: FNV-1a (32-bit) of the little-endian float32 bytes, the first and last four values, the float64 sum. */
export const SEED_0_1x4x64x64 = {
  fnv: '4f3dfe78',
  first: 'bf901b85 bf93808a be804bd6 bede255d',
  last: 'bf85361e 3db9ece6 bfaee87b bf8a02b8',
  sum: -124.11269989912398,
};
export const SEED_2024_2x4x128x128 = {
  fnv: '530fa016',
  first: 'bf9cf549 bc189d2f 3fc55ee1 beee6c3f',
  last: '3f2957cf bece9062 bfc097a3 3fe13441',
  sum: -51.57103062416036,
};
