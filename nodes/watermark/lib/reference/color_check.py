import numpy as np, cv2
a = np.arange(1<<24, dtype=np.uint32)
bgr = np.stack([(a>>16)&255, (a>>8)&255, a&255], -1).astype(np.uint8).reshape(4096,4096,3)
yuv = cv2.cvtColor(bgr, cv2.COLOR_BGR2YUV).astype(np.int64)
B,G,R = [bgr[...,i].astype(np.int64) for i in range(3)]
def d(x): return (x + (1<<13)) >> 14
Y = d(B*1868 + G*9617 + R*4899)
U = d((B - Y)*8061 + 128*(1<<14))
V = d((R - Y)*14369 + 128*(1<<14))
c = lambda x: np.clip(x,0,255)
print('fwd Y', (c(Y)==yuv[...,0]).all(), 'U', (c(U)==yuv[...,1]).all(), 'V', (c(V)==yuv[...,2]).all())
# inverse: treat the same array as YUV
y,u,v = B,G,R
back = cv2.cvtColor(bgr, cv2.COLOR_YUV2BGR).astype(np.int64)
b = y + d((u-128)*33292)
g = y + d((u-128)*-6472 + (v-128)*-9519)
r = y + d((v-128)*18678)
print('inv B', (c(b)==back[...,0]).all(), 'G', (c(g)==back[...,1]).all(), 'R', (c(r)==back[...,2]).all())
for name,x,ref in [('b',b,back[...,0]),('g',g,back[...,1]),('r',r,back[...,2]),('Y',Y,yuv[...,0]),('U',U,yuv[...,1]),('V',V,yuv[...,2])]:
    m = c(x)!=ref
    if m.any(): print(name, m.sum(), x[m][:5], ref[m][:5])
