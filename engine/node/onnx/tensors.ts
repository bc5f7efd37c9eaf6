/**
 * Engine tensors ⇄ ONNX Runtime tensors, sharing memory both ways: a UNet
 * latent or a video batch must not be copied at every model call. The engine
 * keeps float16 as raw Uint16Array bits, as onnxruntime-node does on Node
 * versions without Float16Array; where ORT hands back a Float16Array, its
 * buffer is viewed as Uint16Array (still no copy).
 *
 * ORT types the engine has no dtype for (string, uint16, bfloat16, …) are
 * refused with a message naming the type.
 */
import * as ort from 'onnxruntime-node';
import type { DType, DTypeArrays } from '../../common/tensor.ts';
import { DTYPES, Tensor } from '../../common/tensor.ts';

export function toOrtTensor(tensor: Tensor): ort.Tensor {
  // Each engine dtype's array type is the one ORT expects for that type name (float16: Uint16Array).
  return new ort.Tensor(tensor.dtype, tensor.data, [...tensor.dims]);
}

export function isEngineDType(type: string): type is DType {
  return (DTYPES as readonly string[]).includes(type);
}

export function fromOrtTensor(value: ort.Tensor, name = 'tensor'): Tensor {
  const type = value.type;
  if (!isEngineDType(type)) {
    throw new Error(
      `The model returned "${name}" as ${type}, a type Weft cannot use (it supports ${DTYPES.join(', ')}).`,
    );
  }
  if (value.location !== 'cpu') {
    throw new Error(`The model returned "${name}" on the ${value.location}, not in CPU memory.`);
  }
  const dims = value.dims.map(Number);
  const data = value.data as ArrayBufferView;
  if (type === 'float16' && !(data instanceof Uint16Array)) {
    const bits = new Uint16Array(data.buffer, data.byteOffset, data.byteLength / 2);
    return new Tensor('float16', dims, bits);
  }
  return new Tensor(type, dims, data as DTypeArrays[typeof type]);
}
