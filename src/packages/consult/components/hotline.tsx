import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { HOTLINE } from '../../../../types/consult-labels';
import './hotline.css';

/** 12355, one tap away on every consultation screen, with its hours. */
export function Hotline() {
  const call = () => {
    void Taro.makePhoneCall({ phoneNumber: HOTLINE.number }).catch(() => undefined);
  };
  return (
    <View className='hotline' onClick={call}>
      <View className='hotline__main'>
        <Text className='hotline__title'>拨打 {HOTLINE.number} 青少年服务热线</Text>
        <Text className='hotline__hours'>{HOTLINE.hours}</Text>
      </View>
      <Text className='hotline__call'>拨打</Text>
    </View>
  );
}
