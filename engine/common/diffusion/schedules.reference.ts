/**
 * Reference numbers for the schedule tests, computed with diffusers' formulas
 * (EulerDiscreteScheduler, DDIMScheduler, DPMSolverMultistepScheduler and
 * LCMScheduler set_timesteps, transcribed) running on PyTorch 1.13.1 and
 * NumPy 1.24 (x86-64, AVX2); float32 values as hex bit patterns. Karras and
 * exponential timesteps are NumPy's and may differ from ours by ~1e-4 (see
 * sigmaSchedules.ts). Data only, for the schedule tests.
 */

/** The configs the references use (scheduler_config.json fields). */
export const CONFIGS = {
  sd: {
    num_train_timesteps: 1000,
    beta_start: 0.00085,
    beta_end: 0.012,
    beta_schedule: 'scaled_linear',
    steps_offset: 1,
  },
  linear: {
    num_train_timesteps: 1000,
    beta_start: 0.0001,
    beta_end: 0.02,
    beta_schedule: 'linear',
    steps_offset: 0,
  },
  cosine: {
    num_train_timesteps: 1000,
    beta_start: 0.0001,
    beta_end: 0.02,
    beta_schedule: 'squaredcos_cap_v2',
    steps_offset: 0,
  },
  sdzsnr: {
    num_train_timesteps: 1000,
    beta_start: 0.00085,
    beta_end: 0.012,
    beta_schedule: 'scaled_linear',
    steps_offset: 1,
    rescale_betas_zero_snr: true,
  },
  odd: {
    num_train_timesteps: 1100,
    beta_start: 0.0002,
    beta_end: 0.015,
    beta_schedule: 'scaled_linear',
    steps_offset: 1,
  },
};

/** Per config: FNV-1a of the float32 bytes of betas and of alphas_cumprod, and ᾱ at t = 0, 1, 499, 500, 501, T − 2, T − 1. */
export const TRAINING: Record<string, { betas: string; alphasCumprod: string; samples: string }> = {
  sd: {
    betas: '73f82774',
    alphasCumprod: '89bf9d69',
    samples: '3f7fc84b 3f7f9054 3e8e2ab1 3e8d7b74 3e8ccca7 3b9a8e84 3b98b3b8',
  },
  linear: {
    betas: '6b603e66',
    alphasCumprod: 'a941e82e',
    samples: '3f7ff972 3f7ff196 3da0f259 3d9f53db 3d9db8b8 382cbac7 38294667',
  },
  cosine: {
    betas: '6f6cd38b',
    alphasCumprod: 'b249c01e',
    samples: '3f7ffd4b 3f7ffa45 3efcd90d 3efc0cc9 3efb4087 3622fde3 3126e6c2',
  },
  sdzsnr: {
    betas: 'aa82eff9',
    alphasCumprod: 'd24d3b98',
    samples: '3f7fc84b 3f7f8c3b 3e782cf2 3e76cd94 3e756f33 34534cf3 00000000',
  },
  odd: {
    betas: '891f3785',
    alphasCumprod: '22a27fc9',
    samples: '3f7ff2e5 3f7fe59c 3eda4a1b 3ed96947 3ed888a8 3b01ea31 3affeea3',
  },
};

/** Euler: sigmas (N + 1), timesteps and init_noise_sigma, float32 bits. */
export const EULER = [
  {
    config: 'sd',
    steps: 20,
    spacing: 'linspace',
    mode: 'plain',
    sigmas: `
    4169d596 412bf318 41014df8 40c68ef6 409b619b 40776275 4047ebd4 4023a8a4 40076700
    3fe1e5cb 3fbd83bb 3f9f76e0 3f86298b 3f60e0c9 3f3acee6 3f18aff8 3ef279e6 3eb60a43
    3e6dbd80 3ceef0c0 00000000
  `,
    timesteps: `
    4479c000 446c9af3 445f75e5 445250d8 44452bca 443806bd 442ae1af 441dbca2 44109794
    44037287 43ec9af3 43d250d8 43b806bd 439dbca2 43837287 435250d8 431dbca2 42d250d8
    425250d8 00000000
  `,
    initNoiseSigma: '4169d596',
  },
  {
    config: 'sd',
    steps: 25,
    spacing: 'leading',
    mode: 'plain',
    sigmas: `
    413ad11a 411568c6 40f1ff19 40c64e22 40a44d47 40898586 40685ca4 4045f3df 4029e410
    4012be22 3ffedc18 3fde44ca 3fc275b8 3faa773a 3f95881e 3f831000 3f652a03 3f47678c
    3f2c31b0 3f12f4fd 3ef64610 3ec8362e 3e99e5bf 3e4ea2f9 3d29395f 00000000
  `,
    timesteps: `
    44704000 44664000 445c4000 44524000 44484000 443e4000 44344000 442a4000 44204000
    44164000 440c4000 44024000 43f08000 43dc8000 43c88000 43b48000 43a08000 438c8000
    43710000 43490000 43210000 42f20000 42a20000 42240000 3f800000
  `,
    initNoiseSigma: '413b802f',
  },
  {
    config: 'sd',
    steps: 4,
    spacing: 'trailing',
    mode: 'plain',
    sigmas: '4169d596 40829d8a 3fce7315 3f3175e9 00000000',
    timesteps: '4479c000 443b4000 43f98000 43790000',
    initNoiseSigma: '4169d596',
  },
  {
    config: 'sd',
    steps: 10,
    spacing: 'linspace',
    mode: 'karras',
    sigmas: `
    4169d596 4111a5a0 40af4f0f 404aca85 3fdfed17 3f6a00e9 3ee4d2d0 3e4e3bc3 3da7c0fb
    3ceef0c0 00000000
  `,
    timesteps: `
    4479c000 4465122d 444bc2e0 442bc9cf 4402ccbb 43a392d8 4311f064 42236d70 40d76fe4
    00000000
  `,
    initNoiseSigma: '4169d596',
  },
  {
    config: 'sd',
    steps: 10,
    spacing: 'linspace',
    mode: 'exponential',
    sigmas: `
    4169d596 40ea6570 406af5a2 3feb862c 3f6c1710 3eeca84d 3e6d39e3 3dedcbd3 3d6e5e1c
    3ceef0c0 00000000
  `,
    timesteps: `
    4479c000 445aaf7d 4434ecec 44068448 43a4e242 4318b893 425187a3 41627073 403cd7bf
    00000000
  `,
    initNoiseSigma: '4169d596',
  },
  {
    config: 'sd',
    steps: 30,
    spacing: 'leading',
    mode: 'karras',
    sigmas: `
    4137a12d 4120802d 410bea45 40f34553 40d2e265 40b64421 409d0b1f 4086dfac 4066e296
    4044ec92 4027568b 400da599 3feed3b6 3fc87b70 3fa78a49 3f8b59e1 3f66a885 3f3de544
    3f1b7861 3efd13f3 3eccb395 3ea47a63 3e833a98 3e4fd4ce 3e23414e 3dfe46ee 3dc432b6
    3d95e1d3 3d628baf 3d29395f 00000000
  `,
    timesteps: `
    446f8000 4469849c 446332d6 445c8193 4455667d 444dd5fc 4445c319 443d1fa2 4433dc8b
    4429eaa9 441f3c30 4413c721 44078915 43f518b5 43d9dbdf 43bdc5a7 43a17445 4385b2fb
    4356cad5 4326d2d1 42f9d81a 42b3fe60 427935b2 4225b9d5 41d3b743 4181b2b2 4117a8dd
    40a68b82 40267558 3f800000
  `,
    initNoiseSigma: '41385349',
  },
  {
    config: 'linear',
    steps: 10,
    spacing: 'linspace',
    mode: 'plain',
    sigmas: `
    431d6842 425a4522 41ab5708 4117d29f 409681b7 4023800f 3fbb2e83 3f526a60 3ec2c00a
    3c23dc9e 00000000
  `,
    timesteps: `
    4479c000 445e0000 44424000 44268000 440ac000 43de0000 43a68000 435e0000 42de0000
    00000000
  `,
    initNoiseSigma: '431d6842',
  },
  {
    config: 'cosine',
    steps: 15,
    spacing: 'trailing',
    mode: 'plain',
    sigmas: `
    469e869b 4118acf4 40982ae7 4046a382 4010d32e 3fe017b2 3fb20425 3f8fa97e 3f69cedf
    3f3ce521 3f166d82 3ee9ce07 3eabe414 3e6450ce 3def13c9 00000000
  `,
    timesteps: `
    4479c000 44690000 44588000 4447c000 44370000 44268000 4415c000 44050000 43e90000
    43c78000 43a60000 43850000 43470000 43040000 42840000
  `,
    initNoiseSigma: '469e869b',
  },
  {
    config: 'sdzsnr',
    steps: 12,
    spacing: 'trailing',
    mode: 'plain',
    sigmas: `
    457fffff 41b52f82 4117703b 40acc27e 40600f53 401b7f6c 3fe2507c 3fa88e6b 3f7bc29d
    3f3a205e 3f036b04 3ea101b2 00000000
  `,
    timesteps: `
    4479c000 44650000 44500000 443b4000 44268000 44118000 43f98000 43d00000 43a60000
    43790000 43260000 42a40000
  `,
    initNoiseSigma: '457fffff',
  },
  {
    config: 'odd',
    steps: 9,
    spacing: 'leading',
    mode: 'plain',
    sigmas: `
    411c5ccf 409d95c9 40334423 3fddbfa5 3f8f5be4 3f39bfe0 3ee43859 3e6cfc26 3ca46c43
    00000000
  `,
    timesteps: `
    44744000 4455c000 44374000 4418c000 43f48000 43b78000 43750000 42f60000 3f800000
  `,
    initNoiseSigma: '411d2dd4',
  },
] as const;

/** DDIM whole-number timesteps. */
export const DDIM = [
  {
    config: 'sd',
    steps: 50,
    spacing: 'leading',
    timesteps: [
      981, 961, 941, 921, 901, 881, 861, 841, 821, 801, 781, 761, 741, 721, 701, 681, 661, 641, 621,
      601, 581, 561, 541, 521, 501, 481, 461, 441, 421, 401, 381, 361, 341, 321, 301, 281, 261, 241,
      221, 201, 181, 161, 141, 121, 101, 81, 61, 41, 21, 1,
    ],
  },
  { config: 'sd', steps: 7, spacing: 'linspace', timesteps: [999, 832, 666, 500, 333, 166, 0] },
  {
    config: 'sd',
    steps: 10,
    spacing: 'linspace',
    timesteps: [999, 888, 777, 666, 555, 444, 333, 222, 111, 0],
  },
  { config: 'sd', steps: 3, spacing: 'trailing', timesteps: [999, 666, 332] },
  { config: 'sd', steps: 7, spacing: 'trailing', timesteps: [999, 856, 713, 570, 428, 285, 142] },
  {
    config: 'sd',
    steps: 33,
    spacing: 'trailing',
    timesteps: [
      999, 969, 938, 908, 878, 847, 817, 787, 757, 726, 696, 666, 635, 605, 575, 544, 514, 484, 454,
      423, 393, 363, 332, 302, 272, 241, 211, 181, 151, 120, 90, 60, 29,
    ],
  },
  {
    config: 'linear',
    steps: 12,
    spacing: 'leading',
    timesteps: [913, 830, 747, 664, 581, 498, 415, 332, 249, 166, 83, 0],
  },
  {
    config: 'odd',
    steps: 9,
    spacing: 'trailing',
    timesteps: [1099, 977, 855, 732, 610, 488, 366, 243, 121],
  },
] as const;

/** DPM-Solver multistep: sigmas (float32 bits) and whole-number timesteps. */
export const DPM_SOLVER = [
  {
    config: 'sd',
    steps: 20,
    spacing: 'linspace',
    mode: 'plain',
    sigmas: `
    4169d596 412e77c3 4104d84a 40ce2cb4 40a2cef9 40829d8a 40548ca5 402f11f1 4011b195
    3ff4831f 3fcf23c9 3faf92d6 3f950ac9 3f7cb32c 3f552f50 3f321fea 3f1258ba 3ee982b4
    3eb017d5 3e66ff1d 00000000
  `,
    timesteps: [
      999, 949, 899, 849, 799, 749, 699, 649, 599, 549, 500, 450, 400, 350, 300, 250, 200, 150, 100,
      50,
    ],
  },
  {
    config: 'sd',
    steps: 10,
    spacing: 'leading',
    mode: 'plain',
    sigmas: `
    41064041 40ac0af3 40685ca4 4023b0c7 3fede556 3fb026a6 3f831000 3f4062e4 3f06e7e2
    3ea5a626 00000000
  `,
    timesteps: [901, 811, 721, 631, 541, 451, 361, 271, 181, 91],
  },
  {
    config: 'sd',
    steps: 4,
    spacing: 'trailing',
    mode: 'plain',
    sigmas: '4169d596 40829d8a 3fce7315 3f3175e9 00000000',
    timesteps: [999, 749, 499, 249],
  },
  {
    config: 'sd',
    steps: 20,
    spacing: 'linspace',
    mode: 'karras',
    sigmas: `
    4169d596 413b9b1f 41157181 40ec46aa 40b942ef 408ffeb8 405dbe8c 402903a5 3ffed684
    3fbdda0a 3f8b9f06 3f4a7baa 3f1091c8 3ecaf3ec 3e8bcbde 3e3c96e1 3df88262 3d9f757d
    3d4694f8 3ceef0c0 3ceef0c0
  `,
    timesteps: [
      999, 962, 921, 876, 827, 772, 710, 640, 561, 474, 380, 285, 197, 123, 69, 35, 15, 6, 2, 0,
    ],
  },
  {
    config: 'linear',
    steps: 9,
    spacing: 'linspace',
    mode: 'plain',
    sigmas: `
    431d6842 425a4522 41ab5708 4117d29f 409681b7 4023800f 3fbb2e83 3f526a60 3ec2c00a
    00000000
  `,
    timesteps: [999, 888, 777, 666, 555, 444, 333, 222, 111],
  },
  {
    config: 'cosine',
    steps: 10,
    spacing: 'linspace',
    mode: 'karras',
    sigmas: `
    469e869b 461a01bd 4589ae29 44ddaca0 441bb9f3 4335f6a0 42235f64 40c31854 3ee34738
    3bd29a7f 3bd29a7f
  `,
    timesteps: [999, 999, 999, 998, 998, 995, 983, 895, 259, 0],
  },
] as const;

/** LCM boundary condition: [timestep, c_skip bits, c_out bits]. */
export const LCM_BOUNDARY = [
  [0, '3f800000', '00000000'],
  [7, '3855fbf4', '3f7ffe54'],
  [70, '3508f4f1', '3f7ffffc'],
  [259, '33201104', '3f800000'],
  [999, '312c248f', '3f800000'],
  [759, '31951c1e', '3f800000'],
  [499, '322c7ceb', '3f800000'],
  [259, '33201104', '3f800000'],
  [19, '36e85eab', '3f7fffc6'],
] as const;
