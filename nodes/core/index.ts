/** The core pack: primitives, text templating, image I/O and basic image editing. */
import type { NodeImplementation } from '../../engine/common/nodeApi.ts';
import { compositeNode } from './composite.ts';
import { cropNode } from './crop.ts';
import { gradientNode } from './gradient.ts';
import { loadImageNode } from './loadImage.ts';
import { noteNode } from './note.ts';
import { padNode } from './pad.ts';
import { booleanNode, floatNode, intNode, seedNode, textNode } from './primitives.ts';
import { resizeNode } from './resize.ts';
import { previewImageNode, saveImageNode } from './saveImage.ts';
import { solidColorNode } from './solidColor.ts';
import { textTemplateNode } from './textTemplate.ts';

export const corePack: readonly NodeImplementation[] = [
  textNode,
  intNode,
  floatNode,
  booleanNode,
  seedNode,
  textTemplateNode,
  loadImageNode,
  saveImageNode,
  previewImageNode,
  solidColorNode,
  gradientNode,
  resizeNode,
  cropNode,
  padNode,
  compositeNode,
  noteNode,
];
