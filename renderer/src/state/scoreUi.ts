import { create } from 'zustand';

/** The analyst's settings for reciprocity and escalation marks (UI state: they shape a query, not the data). */
interface MarksSettings {
  windowDays: number;
  thresholds: number[];
  metric: 'M' | 'R' | 'index';
  setWindowDays(days: number): void;
  setThresholds(values: number[]): void;
  setMetric(metric: 'M' | 'R' | 'index'): void;
}

export const useMarksSettings = create<MarksSettings>((set) => ({
  windowDays: 14,
  thresholds: [-5, 5],
  metric: 'M',
  setWindowDays: (windowDays) => set({ windowDays }),
  setThresholds: (thresholds) => set({ thresholds }),
  setMetric: (metric) => set({ metric }),
}));
