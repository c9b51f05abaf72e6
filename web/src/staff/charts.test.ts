import { describe, expect, it } from 'vitest';
import { bandPath, barShares, donutArcs, histogram, lineChart, linePath, niceScale, timeTicks } from './charts';

const id = (v: number) => v;

describe('chart geometry', () => {
  it.each([
    [0, 100, 4, 0, 100],
    [-87, -41, 4, -100, -40],
    [0.3, 7.9, 4, 0, 8],
    [5, 5, 4, 4.5, 5.5],
  ])('niceScale(%d, %d) covers the data with round bounds', (lo, hi, want, min, max) => {
    const sc = niceScale(lo, hi, want);
    expect(sc.min).toBe(min);
    expect(sc.max).toBe(max);
    expect(sc.ticks[0]).toBe(min);
    expect(sc.ticks[sc.ticks.length - 1]).toBe(max);
  });

  it('puts time ticks on local hours for a day and on midnights for a week', () => {
    const from = new Date(2026, 10, 20, 13, 17).getTime();
    const day = timeTicks(from, from + 86_400_000, 6);
    expect(day.length).toBeGreaterThan(2);
    expect(day.length).toBeLessThanOrEqual(6);
    for (const t of day) {
      const d = new Date(t);
      expect(d.getMinutes()).toBe(0);
      expect(d.getHours() % 6).toBe(0);
      expect(t).toBeGreaterThanOrEqual(from);
    }
    const week = timeTicks(from, from + 7 * 86_400_000, 8);
    expect(week.length).toBe(7);
    for (const t of week) expect(new Date(t).getHours()).toBe(0);
    expect(timeTicks(10, 5)).toEqual([]);
  });

  it('breaks a line at nulls and long gaps', () => {
    const pts = [{ t: 0, v: 1 }, { t: 1, v: 2 }, { t: 2, v: null }, { t: 3, v: 4 }, { t: 10, v: 5 }];
    expect(linePath(pts, id, id)).toBe('M0,1 L1,2 M3,4 L10,5');
    expect(linePath(pts, id, id, 5)).toBe('M0,1 L1,2 M3,4 M10,5');
  });

  it('draws the min/max band over the points that have both', () => {
    const pts = [{ t: 0, v: 2, min: 1, max: 3 }, { t: 1, v: 2 }, { t: 2, v: 5, min: 4, max: 6 }];
    expect(bandPath(pts, id, id)).toBe('M0,3 L2,6 L2,4 L0,1 Z');
    expect(bandPath([{ t: 0, v: 1 }], id, id)).toBe('');
  });

  it('scales bars to the largest and slices a donut', () => {
    expect(barShares([5, 10, 0, -1])).toEqual([0.5, 1, 0, 0]);
    expect(barShares([0, 0])).toEqual([0, 0]);
    const arcs = donutArcs([1, 3, 0]);
    expect(arcs[0].share).toBe(0.25);
    expect(arcs[1].start).toBeCloseTo(Math.PI / 2);
    expect(arcs[1].end).toBeCloseTo(2 * Math.PI);
    expect(arcs[2].share).toBe(0);
  });
});

describe('charts', () => {
  it('draw a line chart with a text alternative, a legend and one path per series', () => {
    const el = lineChart({
      label: 'Signal', from: 0, to: 3_600_000, testid: 'c',
      series: [
        { name: 'Phone', points: [{ t: 0, v: -60 }, { t: 1_800_000, v: -70 }] },
        { name: 'TV', points: [{ t: 0, v: -50, min: -55, max: -45 }, { t: 3_600_000, v: -52, min: -56, max: -49 }] },
      ],
    });
    const svg = el.querySelector('svg')!;
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-label')).toContain('Phone: latest -70');
    expect(el.querySelectorAll('path.line')).toHaveLength(2);
    expect(el.querySelectorAll('path.band')).toHaveLength(1);
    expect(el.querySelectorAll('.legend li')).toHaveLength(2);
  });

  it('say so when there is no data', () => {
    const el = lineChart({ label: 'x', from: 0, to: 10, series: [{ name: 'a', points: [] }] });
    expect(el.textContent).toContain('No data');
    const hist = histogram({ label: 'h', bins: [1, 0, 4], binLabels: ['0', '10', '20'] });
    expect(hist.querySelectorAll('rect.bar')).toHaveLength(3);
  });
});
