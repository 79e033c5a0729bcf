import { Button, Group, Modal, type ModalProps, Stack } from '@mantine/core';
import { type QueryKey, useMutation, useQueryClient } from '@tanstack/react-query';
import { type ChangeEvent, type FormEvent, type ReactNode, useState } from 'react';
import { ApiError } from '../api';
import { useT } from '../i18n/use-t';
import { ErrorAlert } from '../ui/error-alert';

/** The frame every on-duty form shares (rosters, overrides, holidays, policies, channels). */
export type FormFrame = {
  onClose: () => void;
  onSubmit: () => void;
  error: unknown;
  pending: boolean;
};

/** The modal around a watch form: title, the fields, the server's error, cancel and save. */
export function FormModal(
  props: FormFrame & { title: string; size?: ModalProps['size']; children: ReactNode },
) {
  const t = useT();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onSubmit();
  };
  return (
    <Modal
      opened
      onClose={props.onClose}
      centered
      size={props.size ?? 'lg'}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      title={props.title}
    >
      <form onSubmit={submit}>
        <Stack>
          {props.children}
          {props.error ? <ErrorAlert error={props.error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={props.pending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The server's message for one field of the body, when the save was refused. */
export const fieldOf = (error: unknown, name: string) =>
  error instanceof ApiError ? error.fieldMessage(name) : undefined;

/** Saves, refreshes the list the form belongs to, then closes; `frame` feeds the FormModal. */
export function useSaveAndClose<T>(save: () => Promise<T>, refresh: QueryKey, onClose: () => void) {
  const client = useQueryClient();
  const mutation = useMutation({
    mutationFn: save,
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: refresh });
      onClose();
    },
  });
  const frame: FormFrame = {
    onClose,
    onSubmit: () => mutation.mutate(),
    error: mutation.error,
    pending: mutation.isPending,
  };
  return { mutation, frame, fieldError: (field: string) => fieldOf(mutation.error, field) };
}

/**
 * A form's values in one state, with the props that bind a field to one of them and to the server's
 * message for it: `<TextInput {...form.text('name')} />`, `<Select {...form.bind('userId')} />`.
 */
export function useFormValues<V extends Record<string, unknown>>(
  initial: V,
  save: (values: V) => Promise<unknown>,
  refresh: QueryKey,
  onClose: () => void,
) {
  const [values, setValues] = useState<V>(initial);
  const set = <K extends keyof V>(key: K, value: V[K]) => setValues((all) => ({ ...all, [key]: value }));
  const saving = useSaveAndClose(() => save(values), refresh, onClose);
  const text = <K extends keyof V & string>(key: K) => ({
    value: String(values[key] ?? ''),
    error: saving.fieldError(key),
    onChange: (event: ChangeEvent<HTMLInputElement>) => set(key, event.currentTarget.value as V[K]),
  });
  const bind = <K extends keyof V & string>(key: K) => ({
    value: values[key],
    error: saving.fieldError(key),
    onChange: (value: V[K]) => set(key, value),
  });
  return { values, set, text, bind, frame: saving.frame };
}
