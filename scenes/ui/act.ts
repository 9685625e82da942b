// Buttons bound to the actions the session offers on the screen (src/machines/actions.ts): a
// button whose event no state would handle is not drawn at all.
import { button } from './dom';
import type { ScreenContext } from './screens/types';

type Attrs = Parameters<typeof button>[2];

/** A button that sends the offered action `id`, or null when the screen does not offer it. */
export function actionButton(ctx: Pick<ScreenContext, 'action' | 'send'>, id: string, label: string, attrs: Attrs = {}, before?: () => void): HTMLButtonElement | null {
  const event = ctx.action(id);
  if (!event) return null;
  return button(
    label,
    () => {
      before?.();
      ctx.send(event);
    },
    attrs,
  );
}
