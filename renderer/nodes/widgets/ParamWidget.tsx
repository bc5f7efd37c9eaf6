/** Picks the widget for a param by its kind (and, for numbers, its range). */
import { BooleanWidget } from './BooleanWidget.tsx';
import { EnumWidget } from './EnumWidget.tsx';
import { FileWidget } from './FileWidget.tsx';
import { ModelWidget } from './ModelWidget.tsx';
import { wantsSlider } from './numberMath.ts';
import { NumberWidget } from './NumberWidget.tsx';
import { PromptWidget } from './PromptWidget.tsx';
import { SeedWidget } from './SeedWidget.tsx';
import { SliderWidget } from './SliderWidget.tsx';
import { TextWidget } from './TextWidget.tsx';
import type { WidgetProps } from './types.ts';

export function ParamWidget(props: WidgetProps) {
  const { spec } = props;
  switch (spec.kind) {
    case 'int':
    case 'float':
      return wantsSlider(spec) ? (
        <SliderWidget {...props} spec={spec} />
      ) : (
        <NumberWidget {...props} spec={spec} />
      );
    case 'seed':
      return <SeedWidget {...props} spec={spec} />;
    case 'boolean':
      return <BooleanWidget {...props} spec={spec} />;
    case 'enum':
      return <EnumWidget {...props} spec={spec} />;
    case 'string':
      return spec.multiline ? (
        <PromptWidget {...props} spec={spec} />
      ) : (
        <TextWidget {...props} spec={spec} />
      );
    case 'file':
      return <FileWidget {...props} spec={spec} />;
    case 'model':
      return <ModelWidget {...props} spec={spec} />;
  }
}
