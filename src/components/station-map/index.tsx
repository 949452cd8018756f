import { Map, Text, View } from '@tarojs/components';
import type { LatLng } from '../../../types/common';
import { TAB_STOP } from '../tab-stop';
import { TILE_CREDIT, tilesFor } from '../../lib/map-tiles';
import './index.css';

/** What the map needs of a station: the list's stations, or landmarks around a place. */
export interface MapStation {
  id: string;
  name: string;
  location: LatLng;
}

interface Props {
  /** The middle of the map: the rider, a chosen place, or just where the map looks (see `mark`). */
  center: LatLng;
  /** Pinned with their 1-based place in this list, the number their cards show. */
  stations: MapStation[];
  /** Makes the pins tappable. */
  onTapStation?: (id: string) => void;
  /** What the centre is: the rider ("我", the default), a chosen place (a ring), or nothing in particular. */
  mark?: 'me' | 'place' | 'none';
  /** A tap on the map picks the place there. */
  onPick?: (at: LatLng) => void;
  /** Metres from the centre to the edge of the plot; by default the farthest pinned station. */
  reachM?: number;
  small?: boolean;
}

const METERS_PER_DEGREE = 111_320;
/** The offline plot shows at most this many pins, the first in the list (nearest first). */
export const MAX_PINS = 10;

/* The plot in design px (rpx): 750 wide, PLOT_HEIGHT tall; pins are one minimum tap target across. */
const PLOT_WIDTH = 750;
const PLOT_HEIGHT = { normal: 480, small: 360 };
const PIN = 88;
const GAP = 6;
const CENTRE_MARK = 56;

interface Point {
  x: number;
  y: number;
}

const metresPerDegreeLng = (lat: number) => METERS_PER_DEGREE * Math.cos((lat * Math.PI) / 180);
const halfSpans = (height: number) => ({ x: PLOT_WIDTH / 2 - PIN / 2 - GAP, y: height / 2 - PIN / 2 - GAP });

/** Pushes overlapping pins apart (and off the centre mark) until none overlap, inside the plot. */
function spread(points: Point[], height: number): Point[] {
  const out = points.map((p) => ({ ...p }));
  const centre = { x: PLOT_WIDTH / 2, y: height / 2 };
  const clamp = (p: Point) => {
    p.x = Math.min(PLOT_WIDTH - PIN / 2, Math.max(PIN / 2, p.x));
    p.y = Math.min(height - PIN / 2, Math.max(PIN / 2, p.y));
  };
  const apart = (a: Point, b: Point, min: number, share: number, seed: number) => {
    let dx = b.x - a.x;
    let dy = b.y - a.y;
    let d = Math.hypot(dx, dy);
    if (d >= min) return false;
    if (d < 0.01) {
      // Same spot: part them in a direction fixed by their index, so the layout is the same every time.
      dx = Math.cos(seed);
      dy = Math.sin(seed);
      d = 1;
    }
    const push = (min - d) * share;
    b.x += (dx / d) * push;
    b.y += (dy / d) * push;
    if (share < 1) {
      a.x -= (dx / d) * push;
      a.y -= (dy / d) * push;
    }
    return true;
  };
  for (let round = 0; round < 100; round++) {
    let moved = false;
    for (let i = 0; i < out.length; i++) {
      const a = out[i] as Point;
      moved = apart(centre, a, (PIN + CENTRE_MARK) / 2 + GAP, 1, i) || moved;
      for (let j = i + 1; j < out.length; j++) moved = apart(a, out[j] as Point, PIN + GAP, 0.5, i * 7 + j) || moved;
    }
    out.forEach(clamp);
    if (!moved) break;
  }
  return out;
}

/**
 * Where each station sits around the centre, as percentages of the plot (centre at 50 %, 50 %): to scale as far as
 * pins one tap target wide allow, then spread so that no two overlap.
 */
export function plotPositions(
  center: LatLng,
  stations: MapStation[],
  { reachM, small = false }: { reachM?: number; small?: boolean } = {},
): { id: string; left: number; top: number }[] {
  const height = small ? PLOT_HEIGHT.small : PLOT_HEIGHT.normal;
  const perLng = metresPerDegreeLng(center.lat);
  const offsets = stations.map((s) => ({
    id: s.id,
    dx: (s.location.lng - center.lng) * perLng,
    dy: (s.location.lat - center.lat) * METERS_PER_DEGREE,
  }));
  const reach = reachM ?? Math.max(1, ...offsets.map((o) => Math.max(Math.abs(o.dx), Math.abs(o.dy))));
  const span = halfSpans(height);
  // With a set reach the plot is to scale (a map under it must agree); otherwise it stretches to fit the farthest pin.
  const yReach = reachM ? (reach * span.y) / span.x : reach;
  const scaled = offsets.map((o) => ({
    x: PLOT_WIDTH / 2 + Math.max(-1, Math.min(1, o.dx / reach)) * span.x,
    y: height / 2 - Math.max(-1, Math.min(1, o.dy / yReach)) * span.y,
  }));
  return spread(scaled, height).map((p, i) => ({
    id: offsets[i]?.id ?? '',
    left: (p.x / PLOT_WIDTH) * 100,
    top: (p.y / height) * 100,
  }));
}

/** The place under a tap on the plot, given where the tap fell as fractions (0–1) of the plot's width and height. */
export function placeAt(center: LatLng, fx: number, fy: number, reachM: number, small = false): LatLng {
  const height = small ? PLOT_HEIGHT.small : PLOT_HEIGHT.normal;
  const span = halfSpans(height);
  const dx = ((fx * PLOT_WIDTH - PLOT_WIDTH / 2) / span.x) * reachM;
  const dy = ((height / 2 - fy * height) / span.x) * reachM;
  return { lat: center.lat + dy / METERS_PER_DEGREE, lng: center.lng + dx / metresPerDegreeLng(center.lat) };
}

interface PlotTap {
  clientX: number;
  clientY: number;
  currentTarget: { getBoundingClientRect(): { left: number; top: number; width: number; height: number } };
}

/** Design px per metre of a plot with a set reach, on both axes. */
const pxPerMetre = (reachM: number) => halfSpans(PLOT_HEIGHT.normal).x / reachM;

/** Street tiles under a to-scale plot (H5): hidden until they load, so offline the grid shows as before. */
function Tiles({ center, reachM, small }: { center: LatLng; reachM: number; small: boolean }) {
  const height = small ? PLOT_HEIGHT.small : PLOT_HEIGHT.normal;
  return (
    <View className='station-map__tiles' aria-hidden>
      {tilesFor(center, pxPerMetre(reachM), PLOT_WIDTH, height).map((t) => (
        <View
          key={t.key}
          className='station-map__tile'
          style={{ left: `${t.left}%`, top: `${t.top}%`, width: `${t.width}%`, height: `${t.height}%`, backgroundImage: `url("${t.url}")` }}
        />
      ))}
      <Text className='station-map__credit'>{TILE_CREDIT}</Text>
    </View>
  );
}

/** The native map with markers in WeChat; elsewhere a plot of the stations around the centre, on street tiles when it is to scale. */
export function StationMap({ center, stations, onTapStation, mark = 'me', onPick, reachM, small = false }: Props) {
  const place = mark === 'place';
  const sizeClass = small ? 'station-map--small' : '';
  if (process.env.TARO_ENV === 'weapp') {
    const markers = stations.map((s, i) => ({
      id: i,
      latitude: s.location.lat,
      longitude: s.location.lng,
      title: s.name,
      iconPath: '',
      width: 32,
      height: 40,
      // The number its card shows, above the pin.
      label: {
        content: String(i + 1),
        color: '#ffffff',
        fontSize: 14,
        anchorX: -10,
        anchorY: -70,
        borderWidth: 0,
        borderColor: '#c5221f',
        borderRadius: 14,
        bgColor: '#c5221f',
        padding: 6,
        textAlign: 'center' as const,
      },
    }));
    const placeMarker = place
      ? [{ id: stations.length, latitude: center.lat, longitude: center.lng, title: '所选位置', iconPath: '', width: 40, height: 50 }]
      : [];
    return (
      <Map
        className={`station-map ${sizeClass}`}
        latitude={center.lat}
        longitude={center.lng}
        scale={place ? 16 : 14}
        showLocation={mark === 'me'}
        markers={[...markers, ...placeMarker]}
        onError={() => undefined}
        onTap={(e) => {
          const { latitude, longitude } = e.detail as { latitude?: number; longitude?: number };
          if (onPick && typeof latitude === 'number' && typeof longitude === 'number') onPick({ lat: latitude, lng: longitude });
        }}
        onMarkerTap={(e) => {
          const station = stations[Number(e.detail.markerId)];
          if (station) onTapStation?.(station.id);
        }}
      />
    );
  }
  // With a set reach, a station beyond it is left off rather than drawn at the edge as if it were near.
  const perLng = metresPerDegreeLng(center.lat);
  const height = small ? PLOT_HEIGHT.small : PLOT_HEIGHT.normal;
  const yReach = reachM ? (reachM * halfSpans(height).y) / halfSpans(height).x : 0;
  const within = (s: MapStation) =>
    !reachM || (Math.abs((s.location.lng - center.lng) * perLng) <= reachM && Math.abs((s.location.lat - center.lat) * METERS_PER_DEGREE) <= yReach);
  const pinned = stations
    .map((station, i) => ({ station, number: i + 1 }))
    .filter(({ station }) => within(station))
    .slice(0, MAX_PINS);
  const positions = plotPositions(
    center,
    pinned.map((p) => p.station),
    { ...(reachM ? { reachM } : {}), small },
  );
  const pick = (e: PlotTap) => {
    if (!onPick) return;
    const box = e.currentTarget.getBoundingClientRect();
    if (box.width <= 0 || box.height <= 0) return;
    onPick(placeAt(center, (e.clientX - box.left) / box.width, (e.clientY - box.top) / box.height, reachM ?? 1000, small));
  };
  return (
    <View
      className={`station-map station-map--plot ${sizeClass} ${onPick ? 'station-map--picking' : ''}`}
      onClick={onPick ? (e) => pick(e as unknown as PlotTap) : undefined}
    >
      {reachM ? <Tiles center={center} reachM={reachM} small={small} /> : null}
      {mark === 'none' ? null : (
        <View className={`station-map__${mark}`} style={{ left: '50%', top: '50%' }} aria-label={place ? '所选位置' : undefined}>
          {place ? null : <Text>我</Text>}
        </View>
      )}
      {positions.map((p, i) => (
        <View
          key={p.id}
          className={`station-map__pin ${onTapStation ? '' : 'station-map__pin--landmark'}`}
          style={{ left: `${p.left}%`, top: `${p.top}%` }}
          role={onTapStation ? 'button' : undefined}
          {...(onTapStation ? TAB_STOP : {})}
          aria-label={`${pinned[i]?.number ?? ''} 号 ${pinned[i]?.station.name ?? ''}`}
          onClick={
            onTapStation
              ? (e) => {
                  e.stopPropagation();
                  onTapStation(p.id);
                }
              : undefined
          }
        >
          <Text>{pinned[i]?.number}</Text>
        </View>
      ))}
    </View>
  );
}
