import '@/components/theme.css';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { MicrophoneAccessPage } from '@/components/MicrophoneAccessPage';
import { listMicrophones, microphoneConstraints } from '@/lib/audio/microphones';
import { BUILD_BROWSER } from '@/lib/audio/recording-format';

render(
  <MicrophoneAccessPage
    browserName={BUILD_BROWSER}
    requestMicrophone={() => navigator.mediaDevices.getUserMedia(microphoneConstraints(undefined))}
    listMicrophones={() => listMicrophones()}
    openSiteSettings={
      BUILD_BROWSER === 'chrome'
        ? () => void browser.tabs.create({ url: `chrome://settings/content/siteDetails?site=${encodeURIComponent(location.origin)}` })
        : undefined
    }
    onSettled={() => (document.documentElement.dataset.ready = 'true')}
  />,
  document.getElementById('app')!,
);
