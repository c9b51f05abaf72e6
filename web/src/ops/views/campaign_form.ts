// A new campaign (#/campaigns/new): which devices (model, version, tag, with a live count from
// POST /campaigns/preview), the firmware file or the parameters, the stages, when to halt;
// then create it as a draft, or create and start it.
import { errorText, get, post, seg } from '../../staff/api';
import { formatNumber } from '../../staff/i18n';
import { errorBox, h, loading, nextId, pageTitle, panel } from '../../staff/ui';
import { t, type Key } from '../i18n';
import { campaignRequest, selectionOf, type CampaignForm, type FormErrors } from '../model';
import { actions } from '../parts';
import { go } from '../router';
import type { Campaign, FileItem, Fleet, Page, Preview } from '../types';

type Input = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

interface Row { wrap: HTMLElement; input: Input; error: HTMLElement }

// A labelled control with a place for its error, linked by aria-describedby.
function row(label: string, input: Input, hint: string | null = null): Row {
  const id = input.id || nextId('cf');
  input.id = id;
  const error = h('p', { id: `${id}-err`, class: 'field-error', hidden: true });
  const hintEl = hint ? h('p', { id: `${id}-hint`, class: 'hint muted' }, hint) : null;
  input.setAttribute('aria-describedby', [hintEl?.id, error.id].filter(Boolean).join(' '));
  return { wrap: h('div', { class: 'field' }, h('label', { for: id }, label), hintEl, input, error), input, error };
}

function radios(name: string, legend: string, options: { value: string; label: string }[], checked: string, hideLegend = false): HTMLFieldSetElement {
  return h('fieldset', { class: 'radios' }, h('legend', { class: hideLegend ? 'visually-hidden' : null }, legend), options.map((o) => {
    const id = nextId(name);
    return h('span', { class: 'radio' },
      h('input', { type: 'radio', id, name, value: o.value, checked: o.value === checked, 'data-testid': `${name}-${o.value}` }),
      h('label', { for: id }, o.label));
  }));
}

const text = (name: string, attrs: Record<string, string | number | boolean> = {}) =>
  h('input', { type: 'text', name, 'data-testid': `cf-${name}`, ...attrs });

export function campaignFormPage(): HTMLElement {
  const f = {
    name: row(t('campaign.form.name'), text('name', { required: true, maxlength: 120 })),
    model: row(t('campaign.form.model'), text('model', { list: 'cf-models', placeholder: t('campaign.form.any') })),
    softwareVersion: row(t('campaign.form.version'), text('softwareVersion', { list: 'cf-versions', placeholder: t('campaign.form.any') })),
    tag: row(t('campaign.form.tag'), text('tag', { placeholder: t('campaign.form.any') })),
    fileId: row(t('campaign.form.file'), h('select', { name: 'fileId', 'data-testid': 'cf-fileId' },
      h('option', { value: '' }, t('campaign.form.chooseFile')))),
    rollbackFileId: row(t('campaign.form.rollbackFile'), h('select', { name: 'rollbackFileId', 'data-testid': 'cf-rollbackFileId' },
      h('option', { value: '' }, t('campaign.form.noRollback')))),
    parameters: row(t('campaign.form.parameters'), h('textarea', { name: 'parameters', rows: 4, 'data-testid': 'cf-parameters', spellcheck: false })),
    canary: row(t('campaign.form.canary'), text('canary', { inputmode: 'numeric', value: '1' })),
    waves: row(t('campaign.form.waves'), text('waves', { value: '' })),
    maxFailurePct: row(t('campaign.form.maxFailure'), text('maxFailurePct', { inputmode: 'decimal', value: '10' })),
    maxHealthDrop: row(t('campaign.form.maxDrop'), text('maxHealthDrop', { inputmode: 'decimal', value: '10' })),
    observeMinutes: row(t('campaign.form.observe'), text('observeMinutes', { inputmode: 'numeric', value: '10' })),
  };
  const kind = radios('kind', t('campaign.form.kind'), [
    { value: 'firmware', label: t('campaign.kind.firmware') }, { value: 'config', label: t('campaign.kind.config') }], 'firmware', true);
  const stageMode = radios('stageMode', t('campaign.form.stageMode'), [
    { value: 'count', label: t('campaign.form.modeCount') }, { value: 'percent', label: t('campaign.form.modePercent') }], 'count');
  const autoId = nextId('cf');
  const autoAdvance = h('input', { type: 'checkbox', id: autoId, name: 'autoAdvance', checked: true, 'data-testid': 'cf-autoAdvance' });
  const models = h('datalist', { id: 'cf-models' });
  const versions = h('datalist', { id: 'cf-versions' });
  const preview = h('p', { class: 'preview', 'data-testid': 'campaign-preview', 'aria-live': 'polite' });
  const status = h('div', { class: 'form-status', 'aria-live': 'assertive' });
  const create = h('button', { type: 'submit', class: 'btn', value: 'create', 'data-testid': 'campaign-create' }, t('campaign.form.create'));
  const createStart = h('button', { type: 'submit', class: 'btn btn-primary', value: 'start', 'data-testid': 'campaign-create-start' },
    t('campaign.form.createStart'));

  const firmwareOnly = h('div', {}, f.fileId.wrap, f.rollbackFileId.wrap);
  const configOnly = h('div', { hidden: true }, f.parameters.wrap);
  const kindValue = () => (kind.querySelector<HTMLInputElement>('input:checked')?.value === 'config' ? 'config' : 'firmware');
  kind.addEventListener('change', () => {
    firmwareOnly.hidden = kindValue() !== 'firmware';
    configOnly.hidden = kindValue() !== 'config';
  });

  const values = (): CampaignForm => ({
    name: f.name.input.value, kind: kindValue(), model: f.model.input.value, softwareVersion: f.softwareVersion.input.value,
    tag: f.tag.input.value, fileId: f.fileId.input.value, rollbackFileId: f.rollbackFileId.input.value,
    parameters: f.parameters.input.value,
    stageMode: stageMode.querySelector<HTMLInputElement>('input:checked')?.value === 'percent' ? 'percent' : 'count',
    canary: f.canary.input.value, waves: f.waves.input.value, maxFailurePct: f.maxFailurePct.input.value,
    maxHealthDrop: f.maxHealthDrop.input.value, observeMinutes: f.observeMinutes.input.value, autoAdvance: autoAdvance.checked,
  });

  const showErrors = (errors: FormErrors) => {
    for (const [name, r] of Object.entries(f) as [keyof typeof f, Row][]) {
      const key = errors[name];
      r.error.textContent = key ? t(key as Key) : '';
      r.error.hidden = !key;
      if (key) r.input.setAttribute('aria-invalid', 'true');
      else r.input.removeAttribute('aria-invalid');
    }
    const firstBad = (Object.keys(f) as (keyof typeof f)[]).find((n) => errors[n]);
    if (firstBad) f[firstBad].input.focus();
  };

  // The live count of the selected devices, asked again a moment after the last change.
  let previewTimer: ReturnType<typeof setTimeout> | undefined;
  let previewSeq = 0;
  const updatePreview = async () => {
    const seq = ++previewSeq;
    preview.replaceChildren(loading(t('campaign.form.previewBusy')));
    try {
      const p = await post<Preview>('/campaigns/preview', { selection: selectionOf(values()) });
      if (seq !== previewSeq) return;
      preview.replaceChildren(
        h('strong', { 'data-count': p.devices }, t('campaign.form.preview', { n: formatNumber(p.devices) })),
        h('ul', { class: 'chips' }, p.byModel.map((m) => h('li', {}, `${m.model} ${m.softwareVersion}: ${formatNumber(m.devices)}`))));
    } catch (e) {
      if (seq === previewSeq) preview.replaceChildren(errorBox(errorText(e)));
    }
  };
  for (const r of [f.model, f.softwareVersion, f.tag]) {
    r.input.addEventListener('input', () => {
      clearTimeout(previewTimer);
      previewTimer = setTimeout(() => {
        if (form.isConnected) void updatePreview();
      }, 300);
    });
  }

  const form = h('form', { class: 'campaign-form', 'data-testid': 'campaign-form', novalidate: true },
    panel(null, {}, f.name.wrap),
    panel(t('campaign.form.devices'), {}, h('div', { class: 'grid-3' }, f.model.wrap, f.softwareVersion.wrap, f.tag.wrap), preview, models, versions),
    panel(t('campaign.form.kind'), {}, kind, firmwareOnly, configOnly),
    panel(t('campaign.form.stages'), {}, stageMode, h('div', { class: 'grid-2' }, f.canary.wrap, f.waves.wrap)),
    panel(t('campaign.form.thresholds'), {},
      h('div', { class: 'grid-3' }, f.maxFailurePct.wrap, f.maxHealthDrop.wrap, f.observeMinutes.wrap),
      h('div', { class: 'check' }, autoAdvance, h('label', { for: autoId }, t('campaign.form.autoAdvance')))),
    status,
    actions(createStart, create));

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const start = (ev as SubmitEvent).submitter === createStart;
    const req = campaignRequest(values());
    if ('errors' in req) {
      showErrors(req.errors);
      return;
    }
    showErrors({});
    create.disabled = createStart.disabled = true;
    status.replaceChildren(loading(t('campaign.form.busy')));
    try {
      const c = await post<Campaign>('/campaigns', req.body);
      if (start) await post<Campaign>(`/campaigns/${seg(c.id)}/start`, {});
      go({ name: 'campaign', id: c.id });
    } catch (e) {
      status.replaceChildren(errorBox(errorText(e)));
      create.disabled = createStart.disabled = false;
    }
  });

  // What to offer: firmware files, and the models and versions the fleet has.
  get<Page<FileItem>>('/files?limit=500').then((files) => {
    const firmware = files.items.filter((x) => x.fileType.startsWith('1'));
    for (const sel of [f.fileId.input, f.rollbackFileId.input]) {
      sel.append(...firmware.map((x) => h('option', { value: x.id },
        [x.id, [x.productClass, x.version].filter(Boolean).join(' ')].filter(Boolean).join(' – '))));
    }
  }).catch((e) => status.replaceChildren(errorBox(errorText(e))));
  get<Fleet>('/fleet').then((fl) => {
    models.append(...[...new Set(fl.firmware.map((x) => x.model))].map((m) => h('option', { value: m })));
    versions.append(...[...new Set(fl.firmware.map((x) => x.softwareVersion))].map((v) => h('option', { value: v })));
  }).catch(() => { /* suggestions only */ });
  void updatePreview();

  return h('div', { class: 'page', 'data-testid': 'campaign-new-page' },
    h('p', {}, h('a', { href: '#/campaigns' }, t('nav.campaigns'))),
    pageTitle(t('campaign.form.title')), form);
}
