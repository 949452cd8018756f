import type { LatLng } from '../../types/common';

/**
 * Street-map tiles for the H5 plot, from AMap's public raster tiles: they are drawn in GCJ-02, the coordinates the app
 * uses, so a place on a tile and a place in the API agree. Offline they do not load and the plot's grid shows instead.
 * (In WeChat the native map draws the streets itself.)
 */
export const tileUrl = (x: number, y: number, z: number) =>
  `https://webrd0${1 + ((x + y) % 4)}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x=${x}&y=${y}&z=${z}`;

export const TILE_CREDIT = '© 高德地图';

const EARTH_CIRCUMFERENCE_M = 40_075_016.686;

/** A tile placed on a plot, as percentages of the plot's width and height. */
export interface PlacedTile {
  key: string;
  url: string;
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * The tiles covering a plot `widthPx` × `heightPx` (design px) centred on `center`, at `pxPerMetre` design px per
 * metre on both axes, with about three tiles across.
 */
export function tilesFor(center: LatLng, pxPerMetre: number, widthPx: number, heightPx: number): PlacedTile[] {
  const cos = Math.cos((center.lat * Math.PI) / 180);
  const metresAcross = widthPx / pxPerMetre;
  const z = Math.max(3, Math.min(18, Math.round(Math.log2((EARTH_CIRCUMFERENCE_M * cos) / (metresAcross / 3)))));
  const n = 2 ** z;
  const cx = ((center.lng + 180) / 360) * n;
  const latRad = (center.lat * Math.PI) / 180;
  const cy = ((1 - Math.log(Math.tan(latRad) + 1 / Math.cos(latRad)) / Math.PI) / 2) * n;
  const tilePx = ((EARTH_CIRCUMFERENCE_M * cos) / n) * pxPerMetre;
  const halfX = widthPx / 2 / tilePx;
  const halfY = heightPx / 2 / tilePx;
  const tiles: PlacedTile[] = [];
  for (let x = Math.floor(cx - halfX); x <= Math.floor(cx + halfX); x++) {
    for (let y = Math.floor(cy - halfY); y <= Math.floor(cy + halfY); y++) {
      tiles.push({
        key: `${z}/${x}/${y}`,
        url: tileUrl(((x % n) + n) % n, y, z),
        left: ((widthPx / 2 + (x - cx) * tilePx) / widthPx) * 100,
        top: ((heightPx / 2 + (y - cy) * tilePx) / heightPx) * 100,
        width: (tilePx / widthPx) * 100,
        height: (tilePx / heightPx) * 100,
      });
    }
  }
  return tiles;
}
