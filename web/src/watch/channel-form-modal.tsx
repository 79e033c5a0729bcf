import { Checkbox, Group, NumberInput, PasswordInput, SegmentedControl, TextInput } from '@mantine/core';
import { useState } from 'react';
import { api } from '../api';
import { useSession } from '../auth/session';
import { useT } from '../i18n/use-t';
import { UnitSelect } from '../ui/unit-select';
import { FormModal, useSaveAndClose } from './form-modal';
import type { Channel } from './types';

type Kind = Channel['kind'];
type Values = Record<string, string | number | boolean>;

const DEFAULTS: Record<Kind, Values> = {
  email: {
    host: '',
    port: 587,
    secure: false,
    requireTls: true,
    verifyCertificate: true,
    username: '',
    from: '',
  },
  webhook: { url: '' },
  telegram: { chatId: '' },
};
// Which secret each kind keeps; it is write-only: never shown, left empty to keep the stored one.
const SECRET_FIELD: Record<Kind, string> = { email: 'password', webhook: 'hmacKey', telegram: 'botToken' };

function settingsOf(kind: Kind, values: Values): Values {
  const out: Values = {};
  // Keys the form does not show (a Telegram baseUrl set through the API) are sent back unchanged.
  for (const key of new Set([...Object.keys(DEFAULTS[kind]), ...Object.keys(values)])) {
    const value = values[key];
    if (typeof value === 'string' && value.trim() === '' && key !== 'from' && key !== 'host') continue;
    if (value !== undefined) out[key] = typeof value === 'string' ? value.trim() : value;
  }
  return out;
}

/** Creates or edits an SMTP, webhook or Telegram channel; the secret is write-only and masked. */
export function ChannelFormModal({ channel, onClose }: { channel?: Channel; onClose: () => void }) {
  const t = useT();
  const me = useSession();
  const [kind, setKind] = useState<Kind>(channel?.kind ?? 'email');
  const [unitId, setUnitId] = useState<string | null>(channel?.unitId ?? me.user.unitId);
  const [name, setName] = useState(channel?.name ?? '');
  const [enabled, setEnabled] = useState(channel?.enabled ?? true);
  const [values, setValues] = useState<Values>({ ...DEFAULTS[kind], ...(channel?.settings as Values) });
  const [secret, setSecret] = useState('');
  const save = useSaveAndClose(
    () => {
      const settings = settingsOf(kind, values);
      const secretBody = secret ? { secret: { [SECRET_FIELD[kind]]: secret } } : {};
      if (channel)
        return api.patch<Channel>(`/api/notify/channels/${channel.id}`, {
          name: name.trim(),
          enabled,
          settings,
          ...secretBody,
        });
      return api.post<Channel>('/api/notify/channels', {
        unitId: unitId ?? '',
        kind,
        name: name.trim(),
        enabled,
        settings,
        ...secretBody,
      });
    },
    ['notify', 'channels'],
    onClose,
  );
  // The kind's own fields are reported under settings.*, the channel's (name, secret) at the top.
  const problem = (field: string) => save.fieldError(`settings.${field}`) ?? save.fieldError(field);
  const text = (key: string, label: string, required = false) => (
    <TextInput
      label={label}
      required={required}
      value={String(values[key] ?? '')}
      error={problem(key)}
      onChange={(e) => {
        const value = e.currentTarget.value;
        setValues((v) => ({ ...v, [key]: value }));
      }}
    />
  );
  const check = (key: string, label: string) => (
    <Checkbox
      label={label}
      checked={Boolean(values[key])}
      onChange={(e) => {
        const value = e.currentTarget.checked;
        setValues((v) => ({ ...v, [key]: value }));
      }}
    />
  );
  return (
    <FormModal
      title={channel ? t('notify.editChannel', { name: channel.name }) : t('notify.newChannel')}
      {...save.frame}
    >
      {!channel && (
        <>
          <UnitSelect label={t('watch.unit')} value={unitId} onChange={setUnitId} required />
          <SegmentedControl
            value={kind}
            onChange={(v) => {
              setKind(v as Kind);
              setValues({ ...DEFAULTS[v as Kind] });
            }}
            data={[
              { value: 'email', label: t('notify.kind.email') },
              { value: 'webhook', label: t('notify.kind.webhook') },
              { value: 'telegram', label: t('notify.kind.telegram') },
            ]}
          />
        </>
      )}
      <TextInput
        label={t('notify.channelName')}
        required
        value={name}
        error={problem('name')}
        onChange={(e) => setName(e.currentTarget.value)}
      />
      {kind === 'email' && (
        <>
          {text('host', t('notify.smtpHost'), true)}
          <NumberInput
            label={t('notify.smtpPort')}
            min={1}
            max={65535}
            value={Number(values.port)}
            error={problem('port')}
            onChange={(v) => setValues((s) => ({ ...s, port: Number(v) }))}
          />
          {text('from', t('notify.smtpFrom'), true)}
          {text('username', t('notify.smtpUser'))}
          <Group>
            {check('secure', t('notify.smtpSecure'))}
            {check('requireTls', t('notify.smtpRequireTls'))}
            {check('verifyCertificate', t('notify.smtpVerify'))}
          </Group>
        </>
      )}
      {kind === 'webhook' && text('url', t('notify.webhookUrl'), true)}
      {kind === 'telegram' && text('chatId', t('notify.telegramChat'), true)}
      <PasswordInput
        label={t(`notify.secret.${kind}`)}
        required={kind === 'telegram' && !channel}
        autoComplete="new-password"
        placeholder={channel?.hasSecret ? t('notify.secretKeep') : ''}
        value={secret}
        error={problem(`secret.${SECRET_FIELD[kind]}`)}
        onChange={(e) => setSecret(e.currentTarget.value)}
      />
      <Checkbox
        label={t('notify.enabled')}
        checked={enabled}
        onChange={(e) => setEnabled(e.currentTarget.checked)}
      />
    </FormModal>
  );
}
