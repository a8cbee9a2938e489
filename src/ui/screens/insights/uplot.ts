import type { Attachment } from 'svelte/attachments';
import type uPlot from 'uplot';

/** What a chart draws, made once uPlot has loaded: its options (the size is the helper's) and its data. */
export type ChartSetup = (lib: typeof uPlot) => { options: Omit<uPlot.Options, 'width' | 'height'>; data: uPlot.AlignedData };

/**
 * A uPlot chart on an element, as an attachment: `<div {@attach uplotChart(260, 280, setup)}>`.
 * uPlot (≈ 20 KB gzip, canvas) and its CSS are imported when a chart first mounts — the Insights
 * screen only: nothing of it is in the first download. The chart fills the element's width (never
 * narrower than `minWidth`) and follows it; when `setup` changes (the data it was made from
 * changed), Svelte destroys the chart and draws a new one.
 */
export function uplotChart(height: number, minWidth: number, setup: ChartSetup): Attachment<HTMLElement> {
  return (node) => {
    let chart: uPlot | null = null;
    let gone = false;
    const width = () => Math.max(minWidth, Math.floor(node.clientWidth));
    void Promise.all([import('uplot'), import('uplot/dist/uPlot.min.css')]).then(([{ default: lib }]) => {
      if (gone) return;
      const { options, data } = setup(lib);
      chart = new lib({ ...options, width: width(), height }, data, node);
    });
    const resize = new ResizeObserver(() => {
      const w = width();
      if (chart && w !== chart.width) chart.setSize({ width: w, height });
    });
    resize.observe(node);
    return () => {
      gone = true;
      resize.disconnect();
      chart?.destroy();
    };
  };
}
