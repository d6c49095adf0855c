import { BarChart, LineChart, PieChart, type BarSeriesOption, type LineSeriesOption, type PieSeriesOption } from 'echarts/charts';
import {
  DatasetComponent, DataZoomComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent,
  type DatasetComponentOption, type DataZoomComponentOption, type GridComponentOption, type LegendComponentOption, type TitleComponentOption, type TooltipComponentOption,
} from 'echarts/components';
import { init, use as registerParts, type ComposeOption, type EChartsType } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only what the reports draw: tree-shaken, the full build is several times larger.
registerParts([BarChart, LineChart, PieChart, GridComponent, TooltipComponent, LegendComponent, TitleComponent, DataZoomComponent, DatasetComponent, CanvasRenderer]);

/** An option made of the parts registered here, so a builder using anything else does not compile. */
export type ChartOption = ComposeOption<
  BarSeriesOption | LineSeriesOption | PieSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption | TitleComponentOption | DataZoomComponentOption | DatasetComponentOption
>;

/** The app's font stack: ECharts draws text on a canvas, which does not inherit the page's CSS. */
export const CHART_FONT =
  "'Microsoft YaHei', 'PingFang SC', 'Hiragino Sans GB', 'Noto Sans CJK SC', 'Noto Sans SC', 'Segoe UI', 'Helvetica Neue', Arial, sans-serif";

/**
 * One ECharts chart: created on mount, given the whole option on every change (notMerge, so a series
 * that went away goes away), resized with its box, disposed on unmount.
 */
export function EChart(props: { option: ChartOption; height: number; testId: string }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);

  useEffect(() => {
    const el = box.current!;
    const instance = init(el, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(el);
    return () => {
      resize.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({ textStyle: { fontFamily: CHART_FONT }, ...props.option }, { notMerge: true });
  }, [props.option]);

  return <div ref={box} data-testid={props.testId} style={{ width: '100%', height: props.height }} />;
}
