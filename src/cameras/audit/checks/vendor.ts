import type { Vendor } from '../types.js';

/** Vendor from any banner or name text (HTTP Server/title, RTSP Server, ONVIF Manufacturer, scopes). */
export function vendorFromText(text: string): Vendor {
  const t = text.toLowerCase();
  if (/hikvision|app-webs|dnvrs-webs|hikvision-webs|ezviz|hilook/.test(t)) return 'hikvision';
  if (/dahua|kbvision|imou|amcrest|dh-ipc/.test(t)) return 'dahua';
  if (/uc-httpd|netsurveillance|xiongmai|h264dvr|xmeye/.test(t)) return 'xiongmai';
  if (/uniview|unv\b/.test(t)) return 'uniview';
  if (/yoosee|gwell/.test(t)) return 'yoosee';
  if (/hipcam/.test(t)) return 'hipcam';
  if (/axis/.test(t)) return 'axis';
  return 'unknown';
}
