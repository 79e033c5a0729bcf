import { Button, Code, Group, List, Modal, Stack, Text } from '@mantine/core';
import { useT } from '../i18n/use-t';
import { Icon } from '../ui/icons';

const SCRIPT_URL = '/api/inventory/collector.ps1';
const SCRIPT_NAME = 'canhgac-inventory.ps1';

/** The PowerShell collector: where to get it and how to run it (parameters as the script declares them). */
export function CollectorModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const t = useT();
  const server = window.location.origin;
  const toFolder = `powershell.exe -NoProfile -ExecutionPolicy Bypass -File ${SCRIPT_NAME} -OutDir \\\\fileserver\\inventory`;
  const toServer =
    `powershell.exe -NoProfile -ExecutionPolicy Bypass -File ${SCRIPT_NAME} -OutDir C:\\ProgramData\\CanhGac ` +
    `-Server ${server} -Token cg_…`;
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened={opened}
      onClose={onClose}
      title={t('collector.title')}
      size="xl"
      centered
    >
      <Stack gap="sm">
        <Text size="sm">{t('collector.what')}</Text>
        <List size="sm" spacing={6} type="ordered">
          <List.Item>{t('collector.step1')}</List.Item>
          <List.Item>
            {t('collector.step2')}
            <Code block mt={4} style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
              {toFolder}
            </Code>
          </List.Item>
          <List.Item>{t('collector.step3')}</List.Item>
          <List.Item>
            {t('collector.step4')}
            <Code block mt={4} style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
              {toServer}
            </Code>
          </List.Item>
        </List>
        <Text size="xs" c="dimmed">
          {t('collector.params')}
        </Text>
        <Text size="xs" c="dimmed">
          {t('collector.limits')}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.close')}
          </Button>
          <Button
            component="a"
            href={SCRIPT_URL}
            download={SCRIPT_NAME}
            leftSection={<Icon name="download" size={16} />}
          >
            {t('collector.download')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
