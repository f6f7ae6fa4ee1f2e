/**
 * The class of every chart drawn into a page, by Plot ($lib/charts/svg) or as SVG text (reach,
 * journeys, the flow of decisions): app.css gives it what Plot's own <style> would, and a white
 * background. A module of its own, so that the charts written as text need not load svg.ts and its DOM.
 */
export const CHART_CLASS = 'chart-figure';
