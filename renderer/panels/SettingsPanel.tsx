/**
 * The engine's settings: execution provider (unavailable ones disabled, with
 * the engine's reason), the tensor cache's budgets and folder, and the model
 * library folders. Save checks the form with the protocol's schema first,
 * then sends only what changed; an error the engine names a field for is
 * shown next to that field.
 */
import { useEffect, useId, useState, type ReactNode } from 'react';
import type { ProviderInfo, Settings } from '../../engine/common/protocol/messages.ts';
import { getClient } from '../client/instance.ts';
import { ClientError } from '../client/types.ts';
import { useCatalogStore } from '../state/catalogStore.ts';
import {
  fieldOfError,
  readForm,
  toForm,
  type FieldErrors,
  type SettingsField,
  type SettingsForm,
} from './settingsForm.ts';
import './panels.css';

const TEST_IDS: Record<SettingsField, string> = {
  provider: 'settings-provider',
  memoryBudgetMiB: 'settings-memory-budget',
  diskBudgetMiB: 'settings-disk-budget',
  cacheDir: 'settings-cache-dir',
  modelsRoot: 'settings-models-root',
  modelSearchPaths: 'settings-model-search-paths',
};

function Field({
  field,
  label,
  hint,
  error,
  children,
}: {
  field: SettingsField;
  label: string;
  hint?: string;
  error: string | undefined;
  children: (props: {
    id: string;
    'aria-describedby': string;
    'aria-invalid': boolean;
    'data-testid': string;
  }) => ReactNode;
}) {
  const id = useId();
  return (
    <div className="weft-form-field" data-invalid={error !== undefined}>
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        'aria-describedby': `${id}-note`,
        'aria-invalid': error !== undefined,
        'data-testid': TEST_IDS[field],
      })}
      <span id={`${id}-note`}>
        {error ? (
          <span className="field-error" data-testid={`settings-error-${field}`}>
            {error}
          </span>
        ) : (
          hint && <span className="hint">{hint}</span>
        )}
      </span>
    </div>
  );
}

export function SettingsPanel() {
  const [settings, setSettings] = useState<Settings | undefined>();
  const [providers, setProviders] = useState<ProviderInfo[]>([]);
  const [form, setForm] = useState<SettingsForm | undefined>();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState<{ tone: 'ok' | 'error'; text: string } | undefined>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    getClient()
      .request('settings.get', {})
      .then((result) => {
        setSettings(result.settings);
        setProviders(result.providers);
        setForm(toForm(result.settings));
      })
      .catch((failure: unknown) =>
        setNotice({
          tone: 'error',
          text: `The settings could not be loaded: ${failure instanceof Error ? failure.message : String(failure)}`,
        }),
      );
  }, []);

  if (!settings || !form) {
    return (
      <section className="weft-panel" data-testid="settings-panel" aria-label="Settings">
        <h2>Settings</h2>
        {notice ? (
          <p className="weft-error-text">{notice.text}</p>
        ) : (
          <p className="weft-muted">Loading…</p>
        )}
      </section>
    );
  }

  const edit = (field: SettingsField, value: string) => {
    setForm({ ...form, [field]: value });
    if (errors[field]) setErrors({ ...errors, [field]: undefined });
    setNotice(undefined);
  };

  const save = async () => {
    const result = readForm(form, settings, providers);
    if (!result.ok) {
      setErrors(result.errors);
      setNotice({ tone: 'error', text: 'Some settings need fixing; see the marked fields.' });
      return;
    }
    setErrors({});
    if (Object.keys(result.patch).length === 0) {
      setNotice({ tone: 'ok', text: 'Nothing changed.' });
      return;
    }
    setSaving(true);
    try {
      const saved = await getClient().request('settings.set', result.patch);
      setSettings(saved.settings);
      setForm(toForm(saved.settings));
      setNotice({ tone: 'ok', text: 'Saved.' });
      if ('modelsRoot' in result.patch || 'modelSearchPaths' in result.patch) {
        void useCatalogStore.getState().load();
      }
    } catch (failure) {
      const field = failure instanceof ClientError ? fieldOfError(failure.field) : undefined;
      const text = failure instanceof Error ? failure.message : String(failure);
      if (field) setErrors({ [field]: text });
      setNotice({
        tone: 'error',
        text: field ? 'The engine refused a setting; see the marked field.' : `Not saved: ${text}`,
      });
    } finally {
      setSaving(false);
    }
  };

  const selected = providers.find((provider) => provider.name === form.provider);
  return (
    <section className="weft-panel" data-testid="settings-panel" aria-label="Settings">
      <h2>Settings</h2>
      <form
        style={{ display: 'flex', flexDirection: 'column', gap: 12 }}
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <Field
          field="provider"
          label="Execution provider"
          error={errors.provider}
          hint={
            selected && !selected.available
              ? `Not available here${selected.reason ? `: ${selected.reason}` : ''}`
              : 'Where models run. Auto picks the fastest one available and falls back to the CPU.'
          }
        >
          {(props) => (
            <select
              {...props}
              value={form.provider}
              onChange={(event) => edit('provider', event.target.value)}
            >
              {providers.map((provider) => (
                <option
                  key={provider.name}
                  value={provider.name}
                  disabled={!provider.available && provider.name !== settings.provider}
                  title={provider.reason}
                >
                  {provider.label}
                  {provider.available ? '' : ' (unavailable)'}
                </option>
              ))}
              {!providers.some((provider) => provider.name === form.provider) && (
                <option value={form.provider}>{form.provider}</option>
              )}
            </select>
          )}
        </Field>
        {providers.some((provider) => !provider.available) && (
          <ul className="weft-provider-list" data-testid="settings-providers">
            {providers
              .filter((provider) => !provider.available)
              .map((provider) => (
                <li
                  key={provider.name}
                  data-available="false"
                  data-testid={`settings-provider-reason-${provider.name}`}
                >
                  {provider.label}: {provider.reason ?? 'not available on this machine.'}
                </li>
              ))}
          </ul>
        )}
        <div className="weft-form-row">
          <Field
            field="memoryBudgetMiB"
            label="Memory cache (MiB)"
            error={errors.memoryBudgetMiB}
            hint="Results kept in memory."
          >
            {(props) => (
              <input
                {...props}
                inputMode="numeric"
                value={form.memoryBudgetMiB}
                onChange={(event) => edit('memoryBudgetMiB', event.target.value)}
              />
            )}
          </Field>
          <Field
            field="diskBudgetMiB"
            label="Disk cache (MiB)"
            error={errors.diskBudgetMiB}
            hint="0 turns the disk cache off."
          >
            {(props) => (
              <input
                {...props}
                inputMode="numeric"
                value={form.diskBudgetMiB}
                onChange={(event) => edit('diskBudgetMiB', event.target.value)}
              />
            )}
          </Field>
        </div>
        <Field
          field="cacheDir"
          label="Cache folder"
          error={errors.cacheDir}
          hint="Where cached results are kept between sessions."
        >
          {(props) => (
            <input
              {...props}
              value={form.cacheDir}
              onChange={(event) => edit('cacheDir', event.target.value)}
            />
          )}
        </Field>
        <Field
          field="modelsRoot"
          label="Model library"
          error={errors.modelsRoot}
          hint="One folder per kind inside (diffusion, controlnet, vocoder, …); downloads go here."
        >
          {(props) => (
            <input
              {...props}
              value={form.modelsRoot}
              onChange={(event) => edit('modelsRoot', event.target.value)}
            />
          )}
        </Field>
        <Field
          field="modelSearchPaths"
          label="More model folders"
          error={errors.modelSearchPaths}
          hint="One folder per line, laid out like the library; searched after it."
        >
          {(props) => (
            <textarea
              {...props}
              rows={3}
              value={form.modelSearchPaths}
              onChange={(event) => edit('modelSearchPaths', event.target.value)}
            />
          )}
        </Field>
        <div className="weft-panel-header">
          <button
            type="submit"
            className="weft-button primary"
            data-testid="settings-save"
            disabled={saving}
          >
            {saving ? 'Saving…' : 'Save'}
          </button>
          {notice && (
            <span
              className={notice.tone === 'error' ? 'weft-error-text' : 'weft-muted'}
              data-testid="settings-notice"
              role={notice.tone === 'error' ? 'alert' : 'status'}
            >
              {notice.text}
            </span>
          )}
        </div>
      </form>
    </section>
  );
}
