import { describe, expect, it } from 'vitest';
import { chartGeometry, healthChart, mapLayout, networkMap, signalBars } from './graphics';
import type { NetNode, Station } from './types';

const node = (name: string, role: NetNode['role'], parent: number, backhaul: NetNode['backhaul'] = ''): NetNode =>
  ({ id: name, name, role, backhaul, backhaulSignalDbm: null, parent });
const station = (name: string, nodeIndex: number, bars: number): Station =>
  ({ mac: `aa:${name}`, name, hostname: name, node: nodeIndex, band: '5GHz', signalDbm: -60, bars, phyMbps: 400, active: true });

describe('signal bars', () => {
  it.each([0, 1, 2, 3, 4])('lights %i of 4', (n) => {
    const svg = signalBars(n, `${n} of 4`);
    expect(svg.querySelectorAll('rect.bar-on')).toHaveLength(n);
    expect(svg.querySelectorAll('rect')).toHaveLength(4);
    expect(svg.getAttribute('aria-label')).toBe(`${n} of 4`);
  });
  it('clamps what it is given', () => {
    expect(signalBars(9, 'x').querySelectorAll('rect.bar-on')).toHaveLength(4);
    expect(signalBars(-1, 'x').querySelectorAll('rect.bar-on')).toHaveLength(0);
  });
});

describe('health chart', () => {
  const day = 86_400_000;
  const from = Date.UTC(2026, 0, 5);
  const to = from + 7 * day;

  it('scales points into the box, oldest first', () => {
    const g = chartGeometry([{ t: to, health: 0 }, { t: from, health: 100 }], from, to, 200, 100, { left: 0, right: 0, top: 0, bottom: 0 });
    expect(g).not.toBeNull();
    expect(g!.line).toBe('M0,0 L200,100');
    expect(g!.area).toBe('M0,0 L200,100 L200,100 L0,100 Z');
    expect([g!.min, g!.max, g!.last]).toEqual([0, 100, 0]);
    expect(g!.days.length).toBeGreaterThanOrEqual(6);
  });

  it('clamps scores and times outside the range', () => {
    const g = chartGeometry([{ t: from - day, health: 150 }, { t: to + day, health: -5 }], from, to, 100, 100, { left: 0, right: 0, top: 0, bottom: 0 });
    expect(g!.line).toBe('M0,0 L100,100');
  });

  it('has nothing to draw without points', () => {
    expect(chartGeometry([], from, to, 100, 100)).toBeNull();
    const svg = healthChart([], from, to, 7);
    expect(svg.getAttribute('data-testid')).toBe('health-chart');
    expect(svg.getAttribute('aria-label')).toBe('No history yet.');
  });

  it('describes itself for screen readers', () => {
    const svg = healthChart([{ t: from + day, health: 60 }, { t: from + 2 * day, health: 90 }, { t: from + 3 * day, health: 75 }], from, to, 7);
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-label')).toBe('Health score over the last 7 days: lowest 60, highest 90, now 75.');
    expect(svg.querySelector('path.chart-line')).not.toBeNull();
  });
});

describe('network map', () => {
  it('puts extenders below their parents', () => {
    const nodes = [node('Router', 'gateway', -1), node('Hall', 'extender', 0, 'wifi'), node('Attic', 'extender', 1, 'wifi'), node('Office', 'extender', 0, 'ethernet')];
    const l = mapLayout(nodes, 300);
    expect(l.nodes.map((n) => n.depth)).toEqual([0, 1, 2, 1]);
    expect(l.nodes[0].x).toBe(150);
    expect(l.nodes[1].y).toBe(l.nodes[3].y);
    expect(l.nodes[2].y).toBeGreaterThan(l.nodes[1].y);
    expect(l.nodes[1].x).toBeLessThan(l.nodes[3].x);
  });

  it('survives parents that loop or point nowhere', () => {
    const l = mapLayout([node('R', 'gateway', -1), node('A', 'extender', 2), node('B', 'extender', 1), node('C', 'extender', 17)], 300);
    expect(l.nodes.every((n) => Number.isFinite(n.x) && Number.isFinite(n.y))).toBe(true);
  });

  it('draws every node with its device count and a summary', () => {
    const svg = networkMap([node('Router', 'gateway', -1), node('Hall', 'extender', 0, 'wifi')],
      [station('TV', 1, 2), station('Phone', 0, 4), station('Laptop', 0, 3)], true);
    expect(svg.getAttribute('data-testid')).toBe('network-map');
    expect(svg.getAttribute('aria-label')).toBe('Map of your home network: 2 access points, 3 devices.');
    const texts = [...svg.querySelectorAll('text')].map((t) => t.textContent);
    expect(texts).toContain('Router');
    expect(texts).toContain('2 devices');
    expect(texts).toContain('1 device');
    expect(svg.querySelectorAll('line.link-wifi')).toHaveLength(1);
  });

  it('shows a line that is down', () => {
    const svg = networkMap([node('Router', 'gateway', -1)], [], false);
    expect(svg.querySelector('line.link-down')).not.toBeNull();
    expect(svg.querySelector('.cloud-down')).not.toBeNull();
  });
});
