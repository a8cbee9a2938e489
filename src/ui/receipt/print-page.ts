/**
 * The paper a printed receipt or report goes on. `@page` can't be scoped to a component or take a
 * prop, so while the copy to print is on the page its page size goes into <head>. A thermal roll's
 * page is as long as the paper, measured just before printing: `80mm auto` is what the roll means,
 * but browsers drop a size with `auto` in it, and one fixed length would cut or pad the paper.
 * Returns the clean-up (for an `$effect`).
 */
export function usePrintPage(layout: 'thermal' | 'a4', paper: () => HTMLElement | undefined): () => void {
  const style = document.createElement('style');
  style.dataset['printPage'] = layout;
  const page = (): string => {
    if (layout === 'a4') return '@page { size: A4; margin: 15mm; }';
    const px = paper()?.getBoundingClientRect().height ?? 0;
    const measured = px > 0 ? ` @page { size: 80mm ${Math.ceil((px * 25.4) / 96) + 6}mm; margin: 0; }` : '';
    return `@page { size: 80mm auto; margin: 0; }${measured}`;
  };
  const update = () => (style.textContent = page());
  update();
  document.head.append(style);
  window.addEventListener('beforeprint', update);
  return () => {
    window.removeEventListener('beforeprint', update);
    style.remove();
  };
}
