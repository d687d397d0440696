// Each document composed from plain facts with the words of prompts/documents.yaml, rendered and
// read back: the title, the 主送, the facts in their sentences, the tables, the 落款 and the date.
import { describe, expect, it } from 'vitest';
import { loadPrompts } from '../../src/bot/core/prompts.js';
import { quarterlyCircular, yearStatistics } from '../../src/documents/figures.js';
import { meetingMinutes, meetingNotice } from '../../src/documents/meeting.js';
import { enforcementNotice, superviseNotice } from '../../src/documents/supervision.js';
import { type Composed, fileOf } from '../../src/documents/words.js';
import type { UnitYear } from '../../src/domain/statistics.js';
import { openDocx, tableRows } from './docx.js';

const prompts = loadPrompts();
const t = (key: string, fields: Record<string, string | number> = {}) => prompts.render(key, fields);

async function read(c: Composed) {
  const f = await fileOf(c);
  expect(f.name).toBe(c.name);
  return openDocx(f.bytes);
}

const year = (over: Partial<UnitYear>): UnitYear => ({
  orgId: 'x',
  received: 0,
  repliedOnTime: 0,
  repliedLate: 0,
  onTimeRate: null,
  rectified: 0,
  rectifiedRate: null,
  overdue: 0,
  escalated: 0,
  supervised: 0,
  notices: 0,
  extensions: 0,
  cluesReferred: 0,
  cluesAcceptedInTime: 0,
  cluesClosedInTime: 0,
  tasks: 0,
  tasksDoneOnTime: 0,
  ...over,
});

describe('the supervision documents', () => {
  it('督办通知书: the matter, its state, the opinion and the limit, from the supervisor office', async () => {
    const c = superviseNotice(t, {
      kind: 'recommendation',
      code: 'JY-2026-001',
      title: '关于加强校园食品安全监管的检察建议',
      issuer: '示例县人民检察院',
      agency: '示例县市场监督管理局',
      servedOn: '2026-09-01',
      dueOn: '2026-11-02',
      status: '待反馈',
      daysLate: 1,
      opinion: '请于限期内书面回复整改情况',
      period: '5个工作日',
      limit: '2026-11-10',
      unit: '示例县人民政府督查室',
      on: '2026-11-03',
    });
    expect(c.name).toBe('督办通知书-JY-2026-001.docx');
    const doc = await read(c);
    expect(doc.text.split('\n').filter(Boolean)).toEqual([
      '督办通知书',
      '示例县市场监督管理局：',
      '示例县人民检察院于2026年9月1日向你单位制发检察建议JY-2026-001《关于加强校园食品安全监管的检察建议》，要求于2026年11月2日前书面回复整改落实情况。',
      '截至2026年11月3日，该事项办理状态为“待反馈”，已超过期限1日。',
      '督办意见：请于限期内书面回复整改情况',
      '请你单位高度重视，认真研究落实，于2026年11月10日前（5个工作日内）将办理情况书面报告示例县人民政府督查室。逾期未报告的，将按府检联动工作机制进一步督办。',
      '特此通知。',
      '示例县人民政府督查室',
      '2026年11月3日',
      '抄送：示例县人民检察院。',
    ]);
  });

  it('行政执法监督通知书: the recommendation it follows, the matter to correct, the limit, from the 司法局', async () => {
    const c = enforcementNotice(t, {
      code: 'TZ-2026-001',
      items: '责令限期整改校园食品安全监管问题',
      period: '15日',
      dueOn: '2026-11-25',
      servedOn: '2026-11-10',
      issuer: '示例县司法局',
      agency: '示例县市场监督管理局',
      related: {
        kindLabel: '检察建议',
        code: 'JY-2026-001',
        title: '关于加强校园食品安全监管的检察建议',
        issuer: '示例县人民检察院',
        servedOn: '2026-09-01',
        dueOn: '2026-11-02',
        status: '待反馈',
      },
    });
    expect(c.name).toBe('行政执法监督通知书-TZ-2026-001.docx');
    const doc = await read(c);
    expect(doc.text.split('\n').filter(Boolean)).toEqual([
      '行政执法监督通知书',
      '编号：TZ-2026-001',
      '示例县市场监督管理局：',
      '示例县人民检察院于2026年9月1日向你单位制发检察建议JY-2026-001《关于加强校园食品安全监管的检察建议》，要求于2026年11月2日前书面回复整改落实情况。截至2026年11月10日，该检察建议办理状态为“待反馈”，尚未整改到位。',
      '依据行政执法监督有关规定，现责令你单位对下列事项限期纠正：',
      '监督事项：责令限期整改校园食品安全监管问题',
      '请你单位自收到本通知书之日起15日内（2026年11月25日前）予以纠正，并将纠正情况书面回复示例县司法局。逾期未纠正的，将依照有关规定进一步处理。',
      '特此通知。',
      '示例县司法局',
      '2026年11月10日',
      '抄送：示例县人民检察院。',
    ]);
  });
});

describe('the meeting documents', () => {
  it('会议通知: to the units invited, the time and place, what to send before, the calendar file', async () => {
    const c = meetingNotice(t, {
      code: 'HY-2026-001',
      title: '府检联动联席会议',
      date: '2026-09-15',
      weekday: '周二',
      time: '09:30',
      location: '县检察院三楼会议室',
      provisional: false,
      closes: '2026-09-04',
      units: ['示例县司法局', '示例县市场监督管理局'],
      lead: '示例县人民检察院',
      on: '2026-09-01',
      ics: 'HY-2026-001.ics',
      moved: false,
    });
    expect(c.name).toBe('会议通知-HY-2026-001.docx');
    const doc = await read(c);
    expect(doc.text.split('\n').filter(Boolean)).toEqual([
      '关于召开府检联动联席会议的通知',
      '示例县司法局、示例县市场监督管理局：',
      '经研究，定于2026年9月15日（周二）09:30在县检察院三楼会议室召开府检联动联席会议。现将有关事项通知如下：',
      '一、会议时间',
      '2026年9月15日（周二）09:30',
      '二、会议地点',
      '县检察院三楼会议室',
      '三、参会人员',
      '各成员单位分管负责人和联络员。',
      '四、有关事项',
      '（一）请各单位于2026年9月4日前提交需提请会议研究的议题；没有议题的，请回复无议题。',
      '（二）请各单位于会前报送参会回执，写明参会人员姓名和职务。',
      '（三）本通知随附会议日历文件（HY-2026-001.ics），可导入手机或电脑日历；会议如有调整，另行通知并发送更新后的日历文件。',
      '特此通知。',
      '示例县人民检察院',
      '2026年9月1日',
    ]);
    // moved, without a place yet
    const moved = meetingNotice(t, {
      ...{ code: 'HY-2026-001', title: '府检联动联席会议', date: '2026-09-18', weekday: '周五', time: '14:30' },
      ...{ location: '', provisional: false, closes: '2026-09-09', units: [], lead: '示例县司法局' },
      ...{ on: '2026-09-02', ics: 'HY-2026-001.ics', moved: true },
    });
    expect(moved.name).toBe('会议改期通知-HY-2026-001.docx');
    const text = (await read(moved)).text;
    expect(text).toContain('关于府检联动联席会议改期召开的通知\n\n各成员单位：');
    expect(text).toContain(
      '经研究，府检联动联席会议改于2026年9月18日（周五）14:30召开，地点另行通知，此前通知的会议时间不再执行。现将有关事项通知如下：',
    );
    expect(text).toContain('二、会议地点\n另行通知');
  });

  it('会议纪要: who took part, the minutes, the 议定事项 with units and deadlines, the attendees', async () => {
    const c = meetingMinutes(t, {
      code: 'HY-2026-001',
      title: '府检联动联席会议',
      date: '2026-09-15',
      weekday: '周二',
      location: '县检察院三楼会议室',
      lead: '示例县人民检察院',
      minutes: '会议通报了上半年府检联动工作情况。\n研究了农贸市场计量监管等议题。',
      resolutions: [
        { text: '清理涉企收费文件', unit: '示例县市场监督管理局', due: '2026-10-16', task: 'RW-2026-001' },
        { text: '加强信息共享' },
      ],
      attendees: [
        { unit: '示例县市场监督管理局', names: '张敏 副局长' },
        { unit: '示例县司法局', names: '冯涛 科长' },
      ],
      on: '2026-09-16',
    });
    expect(c.name).toBe('会议纪要-HY-2026-001.docx');
    const doc = await read(c);
    expect(doc.paragraphs.filter((p) => !p.inTable && p.text).map((p) => p.text)).toEqual([
      '府检联动联席会议纪要',
      '2026年9月15日（周二），示例县人民检察院在县检察院三楼会议室召开府检联动联席会议。示例县市场监督管理局、示例县司法局参加会议。现将会议议定事项纪要如下：',
      '一、会议情况',
      '会议通报了上半年府检联动工作情况。',
      '研究了农贸市场计量监管等议题。',
      '二、议定事项',
      '三、出席人员',
      '示例县市场监督管理局：张敏 副局长',
      '示例县司法局：冯涛 科长',
      '示例县人民检察院',
      '2026年9月16日',
    ]);
    expect(tableRows(doc)).toEqual([
      ['序号', '议定事项', '责任单位', '完成期限', '任务编号'],
      ['1', '清理涉企收费文件', '示例县市场监督管理局', '2026年10月16日', 'RW-2026-001'],
      ['2', '加强信息共享', '', '', ''],
    ]);
  });
});

describe('the documents of figures', () => {
  it('季度通报: the tasks by unit, the units behind schedule, the year’s recommendations', async () => {
    const c = quarterlyCircular(t, {
      year: 2026,
      quarter: 3,
      today: '2026-10-08',
      lead: '示例县人民检察院',
      tasks: [
        { orgId: 'a', unit: '示例县住房和城乡建设局', open: 2, overdue: 2, done: 0, onTime: 0 },
        { orgId: 'b', unit: '示例县司法局', open: 0, overdue: 0, done: 1, onTime: 1 },
      ],
      recommendations: [
        { ...year({ received: 1, repliedLate: 1, onTimeRate: 0, overdue: 1 }), unit: '示例县住房和城乡建设局' },
      ],
    });
    expect(c.name).toBe('季度通报-2026Q3.docx');
    const doc = await read(c);
    expect(doc.paragraphs.filter((p) => !p.inTable && p.text).map((p) => p.text)).toEqual([
      '关于2026年第3季度重点任务落实情况的通报',
      '各成员单位：',
      '为推动府检联动重点任务落实到位，现将2026年第3季度重点任务落实情况通报如下。',
      '一、总体情况',
      '截至2026年10月8日，各单位共有重点任务3项，已完成1项，其中按期完成1项；未完成2项，其中逾期2项。',
      '二、进度滞后的单位',
      '示例县住房和城乡建设局（逾期2项）有逾期未完成的任务，请加快落实。',
      '三、检察建议办理情况',
      '2026年以来各单位收到检察建议的办理情况如下表。',
      '四、工作要求',
      '请各单位对照重点任务清单和完成期限，抓紧推进未完成事项；有逾期任务的单位，请于收到本通报后5个工作日内书面说明原因和下一步措施。',
      '示例县人民检察院',
      '2026年10月8日',
    ]);
    expect(tableRows(doc)).toEqual([
      ['单位', '未完成', '其中逾期', '已完成', '其中按期'],
      ['示例县住房和城乡建设局', '2', '2', '0', '0'],
      ['示例县司法局', '0', '0', '1', '1'],
      ['单位', '收到检察建议', '按期反馈率', '整改到位', '目前逾期'],
      ['示例县住房和城乡建设局', '1', '0%', '0', '1'],
    ]);
  });

  it('年度统计表: every figure of every unit and their total, across the page', async () => {
    const c = yearStatistics(t, {
      year: 2026,
      asOf: '2026-11-03',
      rows: [
        {
          ...year({ received: 2, repliedOnTime: 1, repliedLate: 1, onTimeRate: 50, supervised: 1 }),
          unit: '示例县市场监督管理局',
        },
        { ...year({ cluesReferred: 1 }), unit: '示例县住房和城乡建设局' },
      ],
      total: year({ received: 2, repliedOnTime: 1, repliedLate: 1, onTimeRate: 50, supervised: 1, cluesReferred: 1 }),
      lead: '示例县人民检察院',
      today: '2026-11-03',
    });
    expect(c.name).toBe('年度统计表-2026.docx');
    const doc = await read(c);
    expect(doc.document).toContain('w:orient="landscape"');
    expect(doc.paragraphs.filter((p) => !p.inTable && p.text).map((p) => p.text)).toEqual([
      '2026年度府检联动工作统计表',
      '统计范围：全部单位；统计截至2026年11月3日。',
      '注：按期反馈率 = 按期书面回复的检察建议 ÷ 已到期应回复的检察建议；整改率 = 整改到位的 ÷ 收到的检察建议；同意延期、跟进监督（整改不到位）后按新期限计算。',
      '示例县人民检察院',
      '2026年11月3日',
    ]);
    const [header, ...rows] = tableRows(doc);
    expect(header).toEqual([
      ...['单位', '收到检察建议', '按期反馈', '逾期反馈', '按期反馈率', '整改到位', '整改率', '目前逾期', '提级督办'],
      ...['督办次数', '监督通知书', '延期', '接收线索', '按期受理', '按期办结', '任务', '按期完成'],
    ]);
    expect(rows).toEqual([
      ['示例县市场监督管理局', '2', '1', '1', '50%', '0', '—', '0', '0', '1', '0', '0', '0', '0', '0', '0', '0'],
      ['示例县住房和城乡建设局', '0', '0', '0', '—', '0', '—', '0', '0', '0', '0', '0', '1', '0', '0', '0', '0'],
      ['合计', '2', '1', '1', '50%', '0', '—', '0', '0', '1', '0', '0', '1', '0', '0', '0', '0'],
    ]);
  });
});
