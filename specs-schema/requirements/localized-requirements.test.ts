/**
 * Requirements written in other languages keep their structure. The Korean, Japanese, Chinese, Portuguese, Spanish
 * and Vietnamese-body files are real Kiro files (committed byte-exact under corpus/samples); the expectations below
 * were written by hand from reading them. Vietnamese (`### Yêu cầu 1:`), Ukrainian (`### Вимога 1:`) and Indonesian
 * headings are not in the corpus, so those documents are written here in Kiro's shape.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintEars } from '../ears/ears-lint';
import { addRequirement } from './edit-requirements';
import { parseRequirements, serializeRequirements, type RequirementsDoc } from './parse-requirements';

const samples = join(import.meta.dirname, '..', 'corpus', 'samples');
const sample = (repo: string, spec: string) => readFileSync(join(samples, repo, 'kiro', 'specs', spec, 'requirements.md'), 'utf8');

function summary(doc: RequirementsDoc, id: string) {
  const r = doc.requirements.find((x) => x.id === id);
  if (!r) throw new Error(`no requirement ${id}`);
  return { title: r.title, story: r.story?.text.slice(0, 12), criteriaHeading: r.criteriaHeading?.text, criteria: r.criteria.map((c) => c.id) };
}

function earsCodes(doc: RequirementsDoc): string[] {
  return lintEars(doc).diagnostics.map((d) => d.code).filter((c) => c.startsWith('ears/') && c !== 'ears/vague');
}

describe('localized requirements from the corpus', () => {
  it('Korean: ### 요구사항 N: with #### 인수 조건', () => {
    const text = sample('kkul8176__kiro_ecc', 'daangn-marketplace');
    const doc = parseRequirements(text);
    expect(serializeRequirements(doc)).toBe(text);
    expect(doc.requirements).toHaveLength(25);
    expect(summary(doc, '2')).toEqual({ title: 'SMS 인증번호 확인 및 로그인', story: '사용자로서, 수신한 인', criteriaHeading: '인수 조건', criteria: ['2.1', '2.2', '2.3', '2.4', '2.5'] });
    expect(doc.requirements[1]?.criteria[2]?.text).toBe('IF 인증번호가 일치하지 않으면, THEN THE Auth_Module SHALL 401 상태 코드와 인증 실패 메시지를 반환한다');
    const lint = lintEars(doc);
    expect(lint.criteria.filter((c) => c.id.startsWith('2.')).map((c) => c.pattern)).toEqual(['event', 'event', 'unwanted', 'unwanted', 'unwanted']);
    expect(earsCodes(doc)).toEqual([]);
  });

  it('Japanese: ### 要件N：(full-width colon) with #### 受け入れ基準', () => {
    const text = sample('kognavi__tanden-trust-audit-poc', 'kms-blockchain-tx-signing');
    const doc = parseRequirements(text);
    expect(doc.requirements).toHaveLength(10);
    expect(summary(doc, '2')).toEqual({ title: '証拠レコードのKMS署名フロー', story: 'システム管理者として、証', criteriaHeading: '受け入れ基準', criteria: ['2.1', '2.2', '2.3', '2.4', '2.5', '2.6'] });
    const req2 = doc.requirements[1];
    expect(req2?.idColumn).toBe('### 要件'.length);
    // Criteria in Japanese without any EARS keyword are noted once, not flagged one by one.
    expect(earsCodes(doc).filter((c) => c === 'ears/not-checked')).toHaveLength(1);
    expect(lintEars(doc).criteria.filter((c) => c.pattern === 'unchecked').map((c) => c.id)).toEqual(['6.3']);
  });

  it('Chinese: ### 需求 N: with #### 验收标准, SHALL written as 应', () => {
    const doc = parseRequirements(sample('kaixin20190930__flux-ai', 'auth-system-fix'));
    expect(doc.requirements.map((r) => r.id)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(summary(doc, '1')).toEqual({ title: '修复用户 ID 类型不一致问题', story: '作为系统管理员，我希望数', criteriaHeading: '验收标准', criteria: ['1.1', '1.2', '1.3', '1.4', '1.5'] });
    expect(new Set(lintEars(doc).criteria.map((c) => c.pattern))).toEqual(new Set(['event']));
    expect(earsCodes(doc)).toEqual([]);
  });

  it('Portuguese: ### Requisito N: with #### Critérios de Aceitação', () => {
    const doc = parseRequirements(sample('multideskio__vinha_admin_center', 'google-login'));
    expect(doc.requirements).toHaveLength(8);
    expect(summary(doc, '8')).toEqual({ title: 'Configuração de Variáveis de Ambiente', story: 'Como desenvo', criteriaHeading: 'Critérios de Aceitação', criteria: ['8.1', '8.2', '8.3'] });
    expect(lintEars(doc).criteria.slice(-3).map((c) => c.pattern)).toEqual(['ubiquitous', 'ubiquitous', 'unwanted']);
    expect(earsCodes(doc)).toEqual([]);
  });

  it('Spanish criteria without EARS get one "not checked" note, not a warning each', () => {
    const doc = parseRequirements(sample('JDiegoTorres__mind-games', 'crossword'));
    expect(doc.requirements.map((r) => `${r.id} ${r.title}`)).toEqual([
      '1 Tablero interactivo',
      '2 Sistema de pistas',
      '3 Navegación con teclado',
      '4 Verificación y ayuda',
      '5 Crucigramas variados',
      '6 Diseño responsive y accesible',
    ]);
    const notes = lintEars(doc).diagnostics.filter((d) => d.code.startsWith('ears/') && d.code !== 'ears/vague');
    expect(notes.map((d) => [d.code, d.severity])).toEqual([['ears/not-checked', 'info']]);
    expect(notes[0]?.message).toContain('EARS not checked for Spanish: 20 acceptance criteria');
  });

  it('English headings with a Vietnamese body', () => {
    const doc = parseRequirements(sample('ngcongtunglam209__gpt_signup_hybrid', 'session-cookie-cache'));
    expect(summary(doc, '1')).toEqual({ title: 'Cô lập cache theo instance', story: 'Là người chạ', criteriaHeading: 'Acceptance Criteria', criteria: ['1.1', '1.2', '1.3', '1.4', '1.5'] });
    expect(earsCodes(doc)).toEqual([]);
  });
});

const vietnamese = `# Tài liệu yêu cầu

## Yêu cầu

### Yêu cầu 1: Đăng nhập bằng email

**Câu chuyện người dùng:** Là người dùng, tôi muốn đăng nhập bằng email để dùng ứng dụng.

#### Tiêu chí chấp nhận

1. WHEN người dùng gửi email hợp lệ, THE Auth_Service SHALL gửi mã xác thực
2. KHI mã hết hạn, hệ thống PHẢI từ chối mã đó

### Yêu cầu 2: Đăng xuất

**Câu chuyện người dùng:** Là người dùng, tôi muốn đăng xuất.

#### Tiêu chí chấp nhận

1. WHEN người dùng bấm Đăng xuất, THE Auth_Service SHALL xoá phiên
`;

const ukrainian = `# Документ вимог

### Вимога 1: Експорт звіту

**Історія користувача:** Як бухгалтер, я хочу експортувати звіт у CSV.

#### Критерії приймання

1. WHEN користувач натискає «Експорт», THE Report_Service SHALL створити файл CSV
2. Система має зберегти файл у вибраній теці

### Вимога 2: Імпорт
**Історія користувача:** Як бухгалтер, я хочу імпортувати дані.

#### Критерії приймання

1. IF файл пошкоджено, THEN THE Report_Service SHALL показати помилку
`;

/** Indonesian is in no list Keel has: the structure alone must be enough. */
const indonesian = `# Dokumen Kebutuhan

## Kebutuhan 1: Pencarian produk

**Cerita Pengguna:** Sebagai pembeli, saya ingin mencari produk.

### Kriteria Penerimaan

1. WHEN pembeli mengetik kata kunci, THE Search_Service SHALL menampilkan hasil
2. THE Search_Service SHALL mengurutkan hasil menurut relevansi

## Kebutuhan 2: Filter

### Kriteria Penerimaan

1. WHERE filter harga aktif, THE Search_Service SHALL menyaring hasil
`;

describe('localized requirement headings not in the corpus', () => {
  it('Vietnamese: ### Yêu cầu N: with #### Tiêu chí chấp nhận (was 0 requirements)', () => {
    const doc = parseRequirements(vietnamese);
    expect(doc.requirements.map((r) => summary(doc, r.id))).toEqual([
      { title: 'Đăng nhập bằng email', story: 'Là người dùn', criteriaHeading: 'Tiêu chí chấp nhận', criteria: ['1.1', '1.2'] },
      { title: 'Đăng xuất', story: 'Là người dùn', criteriaHeading: 'Tiêu chí chấp nhận', criteria: ['2.1'] },
    ]);
    expect(doc.requirements[0]?.idColumn).toBe('### Yêu cầu '.length);
    // 1.2 states its response with PHẢI (SHALL): read as EARS, not flagged.
    expect(lintEars(doc).criteria.map((c) => c.pattern)).toEqual(['event', 'ubiquitous', 'event']);
    expect(earsCodes(doc)).toEqual([]);
  });

  it('Ukrainian: ### Вимога N: with #### Критерії приймання (was 0 requirements)', () => {
    const doc = parseRequirements(ukrainian);
    expect(doc.requirements.map((r) => summary(doc, r.id))).toEqual([
      { title: 'Експорт звіту', story: 'Як бухгалтер', criteriaHeading: 'Критерії приймання', criteria: ['1.1', '1.2'] },
      { title: 'Імпорт', story: 'Як бухгалтер', criteriaHeading: 'Критерії приймання', criteria: ['2.1'] },
    ]);
    expect(earsCodes(doc)).toEqual([]);
  });

  it('an unknown language is found by level and numbering alone', () => {
    const doc = parseRequirements(indonesian);
    expect(doc.requirements.map((r) => summary(doc, r.id))).toEqual([
      { title: 'Pencarian produk', story: 'Sebagai pemb', criteriaHeading: 'Kriteria Penerimaan', criteria: ['1.1', '1.2'] },
      { title: 'Filter', story: undefined, criteriaHeading: 'Kriteria Penerimaan', criteria: ['2.1'] },
    ]);
  });

  it('a numbered outline that is not shaped like requirements is left as prose', () => {
    const doc = parseRequirements('# Plan\n\n### Phase 1: Setup\n\nInstall things.\n\n### Phase 2: Build\n\n- build it\n');
    expect(doc.requirements).toEqual([]);
  });

  it('adding a requirement follows the document’s own heading words', () => {
    const doc = parseRequirements(vietnamese);
    const out = addRequirement(doc, { title: 'Quên mật khẩu', story: 'Là người dùng, tôi muốn đặt lại mật khẩu.', criteria: ['WHEN người dùng quên mật khẩu, THE Auth_Service SHALL gửi liên kết'] }).text;
    expect(out).toContain('\n### Yêu cầu 3: Quên mật khẩu\n\n**Câu chuyện người dùng:** Là người dùng, tôi muốn đặt lại mật khẩu.\n\n#### Tiêu chí chấp nhận\n\n1. WHEN');
    expect(parseRequirements(out).requirements.map((r) => r.id)).toEqual(['1', '2', '3']);
  });
});
