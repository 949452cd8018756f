import { useEffect, useRef, useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import type { LatLng } from '../../../types/common';
import { chooseOnMap, DEMO_LOCATION, locate, type Place } from '../../lib/location';
import { readNearbyCache } from '../../lib/station-cache';
import { StationMap } from '../station-map';
import './index.css';

interface Props {
  value: Place | null;
  onChange: (place: Place) => void;
  /** Ask for the current location at once and take it when the device has a real fix (never the demo location). */
  locateFirst?: boolean;
  /** A field for the place in words (a crossing, a landmark) when the form has no address field of its own. */
  withAddress?: boolean;
}

/** How far the offline plot reaches from its centre while picking. */
const PICK_REACH_M = 600;

const coords = (at: LatLng) => `${at.lat.toFixed(5)}, ${at.lng.toFixed(5)}`;

/**
 * Where something is, chosen by the rider: the current location when the device has one, WeChat's map picker, or in
 * H5 a tap on the offline map. A refused or missing location leaves the place empty: nothing is ever assumed.
 */
export function PlacePicker({ value, onChange, locateFirst = false, withAddress = false }: Props) {
  const [message, setMessage] = useState('');
  const [locating, setLocating] = useState(false);
  /** The real location, once known: the picker's starting point. */
  const [here, setHere] = useState<LatLng | null>(null);
  const latest = useRef(value);
  latest.current = value;

  const takeMyLocation = async (quiet: boolean) => {
    setLocating(true);
    setMessage('');
    const found = await locate();
    setLocating(false);
    if (found.demo) {
      if (!quiet || !latest.current) setMessage(`未能获取你的位置：${found.reason ?? '暂时无法获取位置'}。请在地图上选择`);
      return;
    }
    setHere(found.location);
    onChange({ location: found.location, address: latest.current?.address ?? '' });
  };

  useEffect(() => {
    if (locateFirst && !latest.current) void takeMyLocation(true);
    // Once, on opening.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const cached = readNearbyCache();
  const start = value?.location ?? here ?? (cached && !cached.demo ? cached.location : DEMO_LOCATION);
  const startIsDemo = !value && !here && !(cached && !cached.demo);

  const pickInWeChat = async () => {
    setMessage('');
    try {
      const chosen = await chooseOnMap(start);
      if (chosen) onChange({ location: chosen.location, address: chosen.address || (value?.address ?? '') });
    } catch (e) {
      setMessage(`无法打开地图选点：${e instanceof Error ? e.message : '请稍后再试'}`);
    }
  };

  return (
    <View className='place-picker'>
      <Text className={`place-picker__chosen ${value ? '' : 'place-picker__chosen--none'}`}>
        {value
          ? `已选位置：${value.address ? `${value.address}（${coords(value.location)}）` : coords(value.location)}`
          : locating
            ? '正在获取位置…'
            : '还没有选择位置'}
      </Text>
      {message ? <Text className='place-picker__message'>{message}</Text> : null}

      {process.env.TARO_ENV === 'weapp' ? (
        <Button className='secondary-button place-picker__button place-picker__choose' onClick={() => void pickInWeChat()}>
          {value ? '在地图上重新选择' : '在地图上选择位置'}
        </Button>
      ) : (
        <View className='place-picker__map'>
          <StationMap
            small
            center={start}
            mark={value ? 'place' : 'none'}
            stations={cached?.stations ?? []}
            reachM={PICK_REACH_M}
            onPick={(at) => {
              setMessage('');
              onChange({ location: at, address: value?.address ?? '' });
            }}
          />
          <Text className='place-picker__caption'>
            {startIsDemo ? '地图以嘉善县城为中心。' : ''}点一下地图选择位置，地图会移到所选处；灰色数字是附近的驿站。
          </Text>
        </View>
      )}

      {withAddress ? (
        <Input
          className='place-picker__address'
          value={value?.address ?? ''}
          maxlength={60}
          disabled={!value || undefined}
          placeholder={value ? '补充说明位置，例如：体育南路与东门路口' : '先选择位置，再补充说明'}
          aria-label='位置说明'
          onInput={(e) => {
            if (value) onChange({ location: value.location, address: e.detail.value });
          }}
        />
      ) : null}

      <Button
        className='secondary-button place-picker__button place-picker__locate'
        disabled={locating || undefined}
        onClick={() => void takeMyLocation(false)}
      >
        {locating ? '正在定位…' : '使用我的当前位置'}
      </Button>
    </View>
  );
}
