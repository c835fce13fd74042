// Demo problems: the cases of the seed articles, told step by step, plus the 达拉特 zone's day-to-day
// problems (generated in demo-problems.ts) so the daily board and the 三率 look like a real zone's.

/**
 * When a step happens: an absolute Beijing time ('2026-10-29 10:00'), or working days before today
 * with a time ('-12 09:30'; '-0 08:40' is today).
 */
export type When = string

/** A username of the demo accounts, or a label for a person without an account ('市场监督管理局 经办人'). */
export type By = string

export type DemoStep =
  | { do: 'receive'; by: By; at: When }
  | {
      do: 'accept'
      by: By
      at: When
      type: 'onsite' | 'common' | 'longterm'
      lead: string
      co?: string[]
      leader?: string
      person?: string
      days?: number
      level?: 'normal' | 'key' | 'listed'
      note?: string
    }
  | { do: 'reply'; by: By; at: When; text: string }
  | {
      do: 'task'
      by: By
      at: When
      title: string
      dept: string
      due: When
      status?: 'todo' | 'doing' | 'done'
    }
  | { do: 'resolve'; by: By; at: When; text: string; evidence?: string }
  | { do: 'confirm'; by: By; at: When; satisfaction: 'satisfied' | 'basic' | 'unsatisfied'; comment?: string }
  | { do: 'callback'; by: By; at: When; result: string; satisfaction: 'satisfied' | 'basic' }
  | { do: 'return'; by: By; at: When; reason: string }
  | { do: 'extension'; by: By; at: When; days: number; reason: string }
  | { do: 'decide'; by: By; at: When; approve: boolean; note?: string }
  | { do: 'withdraw'; by: By; at: When; reason: string }
  | { do: 'level'; by: By; at: When; level: 'normal' | 'key' | 'listed' }

export interface DemoProblem {
  key: string
  zone: string
  enterprise?: string
  project?: string
  title: string
  description: string
  category: string
  /** problem_source; 'enterprise' when the enterprise reported it itself */
  source: string
  /** the enterprise user who reported it (source 'enterprise'), or the staff member who entered it */
  by: By
  reporter?: { name: string; phone?: string }
  at: When
  address?: string
  rectifyDeadline?: When
  steps: DemoStep[]
}

const ZX = '内蒙古中轩生化科技有限公司'

export const DEMO_PROBLEMS: DemoProblem[] = [
  // ---------- 通辽 (000): the zone connected 金旗牛业 to the sewage network; permits in six or seven months ----------
  {
    key: 'jinqi-sewer',
    zone: 'tl',
    enterprise: '内蒙古金旗牛业有限公司',
    project: '肉牛(羊)屠宰加工项目',
    title: '屠宰加工厂区污水管网未接通',
    description:
      '肉牛（羊）屠宰加工项目已基本建成，厂区污水管网尚未接入园区污水处理厂，投产后屠宰废水无处排放，请求协调接通。',
    category: 'water',
    source: 'enterprise',
    by: 'hanming',
    at: '2026-08-11 09:20',
    address: '通辽经济技术开发区木里图工业园区',
    steps: [
      { do: 'receive', by: 'tl_supervisor', at: '2026-08-11 10:05' },
      {
        do: 'accept',
        by: 'tl_supervisor',
        at: '2026-08-11 15:30',
        type: 'longterm',
        lead: '规划建设局',
        co: ['生态环境分局'],
        leader: 'tl_supervisor',
        person: 'zhengyi',
        days: 25,
        level: 'key',
        note: '投产前必须接通，专班每周调度',
      },
      {
        do: 'task',
        by: 'tl_supervisor',
        at: '2026-08-12 09:00',
        title: '勘测厂区至园区主管网接驳线路，出具接驳方案',
        dept: '规划建设局',
        due: '2026-08-21',
        status: 'done',
      },
      {
        do: 'task',
        by: 'tl_supervisor',
        at: '2026-08-12 09:05',
        title: '核定屠宰废水预处理标准，指导企业建设预处理设施',
        dept: '生态环境分局',
        due: '2026-08-28',
        status: 'done',
      },
      {
        do: 'reply',
        by: 'zhengyi',
        at: '2026-08-13 16:40',
        text: '已到现场踏勘，企业预处理池按一级标准建设，接驳方案本周内出具。',
      },
      {
        do: 'resolve',
        by: 'tl_supervisor',
        at: '2026-09-05 17:10',
        text: '接驳管线 1.2 公里已铺设完成并通水试验，厂区污水经预处理后接入园区污水处理厂，满足投产需要。',
        evidence: '通水试验记录及现场照片已存档',
      },
      {
        do: 'confirm',
        by: 'hanming',
        at: '2026-09-07 10:00',
        satisfaction: 'satisfied',
        comment:
          '开发区帮我们协调解决了污水管网接入问题，各种手续办理时间比原先缩短了，六七个月时间就基本上能完成了。',
      },
    ],
  },
  {
    key: 'jinqi-permits',
    zone: 'tl',
    enterprise: '内蒙古金旗牛业有限公司',
    project: '肉牛(羊)屠宰加工项目',
    title: '环保手续与土地手续审批进度咨询',
    description: '主题教育走访中发现：项目环评批复和土地手续审批尚在办理，企业希望明确办理节点，尽早开工。',
    category: 'permit',
    source: 'visit',
    by: 'zhengyi',
    reporter: { name: '韩明' },
    at: '2026-03-16 10:30',
    steps: [
      {
        do: 'accept',
        by: 'tl_supervisor',
        at: '2026-03-16 16:00',
        type: 'longterm',
        lead: '生态环境分局',
        co: ['自然资源分局'],
        person: 'zhengyi',
        days: 25,
      },
      {
        do: 'reply',
        by: 'zhengyi',
        at: '2026-03-18 11:00',
        text: '环评与用地手续并联办理，已列出清单和节点，专人帮办。',
      },
      {
        do: 'resolve',
        by: 'zhengyi',
        at: '2026-04-17 16:30',
        text: '环评批复、用地批复均已取得，项目具备开工条件；从签约到开工手续办理用时约六七个月。',
      },
      {
        do: 'confirm',
        by: 'hanming',
        at: '2026-04-20 09:30',
        satisfaction: 'satisfied',
        comment: '手续办理时间比原先缩短了。',
      },
    ],
  },
  // ---------- 耒阳 (001): 三个清单 — 眼前事 / 共性事 / 长远事 ----------
  {
    key: 'yuanniang-licence',
    zone: 'ly',
    enterprise: '湖南袁酿酒业有限公司',
    project: '耒阳酱香酒生产项目',
    title: '食品生产许可证办不下来，无法投产',
    description:
      '市领导走访时企业反映：厂房已建成，但食品经营、生产许可等手续办不下来，酱香酒无法生产销售，请求指导。',
    category: 'permit',
    source: 'visit',
    by: 'ly_supervisor',
    reporter: { name: '袁酿酒业负责人' },
    at: '2026-10-29 15:00',
    steps: [
      {
        do: 'accept',
        by: 'ly_supervisor',
        at: '2026-10-29 17:30',
        type: 'onsite',
        lead: '市市场监督管理局',
        co: ['市行政审批服务局'],
        days: 5,
        level: 'key',
        note: '眼前事现场办：市场监管局当即上门，食品生产、行政审批等部门“多对一”全程服务',
      },
      {
        do: 'task',
        by: 'ly_supervisor',
        at: '2026-10-30 09:00',
        title: '上门指导厂房食品安全建设标准、商标注册和品牌建设',
        dept: '市市场监督管理局',
        due: '2026-11-02',
        status: 'done',
      },
      {
        do: 'task',
        by: 'ly_supervisor',
        at: '2026-10-30 09:10',
        title: '指导食品经营许可证申办材料，开通审批绿色通道',
        dept: '市行政审批服务局',
        due: '2026-11-05',
        status: 'done',
      },
      {
        do: 'reply',
        by: '市市场监督管理局 经办人',
        at: '2026-10-30 16:00',
        text: '已上门指导，企业按要求整改厂房布局，申报材料已受理。',
      },
      {
        do: 'resolve',
        by: '市市场监督管理局 经办人',
        at: '2026-11-06 11:00',
        text: '11 月 6 日企业取得食品生产许可证，耒阳品牌“酱香酒”正式落地，可以投产。',
        evidence: '食品生产许可证复印件已存档',
      },
      {
        do: 'confirm',
        by: '湖南袁酿酒业有限公司',
        at: '2026-11-07 09:30',
        satisfaction: 'satisfied',
        comment: '短短几天就拿到了许可证，感谢各部门上门服务。',
      },
    ],
  },
  {
    key: 'xiandao-road',
    zone: 'ly',
    enterprise: '湖南先导新材料科技有限公司',
    title: '园区道路仅 6 米宽，大货车通行困难',
    description: '企业 6 月投产后运输量大，园区道路宽度仅 6 米、承载力不足，大型货车会车困难，存在安全隐患。',
    category: 'road',
    source: 'enterprise',
    by: 'zhangzhihui',
    at: '2026-09-08 10:15',
    steps: [
      {
        do: 'accept',
        by: 'ly_supervisor',
        at: '2026-09-08 16:00',
        type: 'common',
        lead: '市发展和改革局',
        days: 25,
        note: '园区多家企业反映，按共性事立项办',
      },
    ],
  },
  {
    key: 'jinkai-road',
    zone: 'ly',
    enterprise: '湖南金凯循环科技有限公司',
    title: '原料运输车辆绕行，道路承载力不足',
    description: '园区道路窄、路面承载力不足，重载原料车只能绕行竹市方向，运输成本和时间增加。',
    category: 'road',
    source: 'visit',
    by: 'ly_supervisor',
    reporter: { name: '刘鹰' },
    at: '2026-09-15 14:30',
    steps: [],
  },
  {
    key: 'jinkai-power',
    zone: 'ly',
    enterprise: '湖南金凯循环科技有限公司',
    project: '金凯循环二期项目',
    title: '二期工程投产后可能出现电力缺口',
    description: '明年二期工程投产，现有龙塘变电站供电能力不足，或出现电力缺口，影响满负荷生产。',
    category: 'power',
    source: 'enterprise',
    by: 'liuying',
    at: '2026-10-20 09:40',
    steps: [
      { do: 'receive', by: 'ly_supervisor', at: '2026-10-20 10:30' },
      {
        do: 'accept',
        by: 'ly_supervisor',
        at: '2026-10-21 09:00',
        type: 'longterm',
        lead: '市发展和改革局',
        co: ['国网耒阳市供电分公司'],
        days: 60,
        level: 'listed',
        note: '长远事限时办：市委、市政府决定在龙塘变电站之外新增 220 千伏新市变电站，发改局牵头，国网耒阳分公司执行',
      },
      {
        do: 'task',
        by: 'ly_supervisor',
        at: '2026-10-21 10:00',
        title: '新市变电站土地征收',
        dept: '市发展和改革局',
        due: '2026-12-31',
        status: 'doing',
      },
      {
        do: 'task',
        by: 'ly_supervisor',
        at: '2026-10-21 10:05',
        title: '变电站工程报建',
        dept: '国网耒阳市供电分公司',
        due: '2027-02-26',
        status: 'todo',
      },
      {
        do: 'task',
        by: 'ly_supervisor',
        at: '2026-10-21 10:10',
        title: '变电站工程规划及线路走廊方案',
        dept: '国网耒阳市供电分公司',
        due: '2027-01-29',
        status: 'doing',
      },
      {
        do: 'reply',
        by: '市发展和改革局 经办人',
        at: '2026-11-03 15:00',
        text: '新市变电站已列入电网规划，土地征收方案报市政府审定；计划明年开工建设并正式供电，满足园区 3–10 年用电需求。',
      },
    ],
  },
  // ---------- 达拉特: the zone of the demo accounts ----------
  {
    key: 'zx-steam',
    zone: 'dlt',
    enterprise: ZX,
    title: '蒸汽管网供汽压力不足，影响发酵车间生产',
    description:
      '近两周园区集中供热蒸汽管网末端压力低于 0.6MPa，发酵车间多次降负荷运行，请求协调热源单位增压。',
    category: 'power',
    source: 'enterprise',
    by: 'enterprise',
    at: '-9 09:10',
    steps: [
      { do: 'receive', by: 'officer', at: '-9 09:40' },
      {
        do: 'accept',
        by: 'supervisor',
        at: '-9 14:00',
        type: 'onsite',
        lead: '经济发展局',
        co: ['规划建设局'],
        leader: 'li_wenhua',
        person: 'officer',
        days: 5,
      },
      {
        do: 'reply',
        by: 'officer',
        at: '-8 10:30',
        text: '已约热源单位现场排查，初步判断为末端减压阀故障。',
      },
      {
        do: 'resolve',
        by: 'officer',
        at: '-1 16:20',
        text: '热源单位更换末端减压阀并提高出口压力，连续三天监测末端压力稳定在 0.8MPa 以上，满足生产需要。',
        evidence: '压力监测记录已上传',
      },
    ],
  },
  {
    key: 'zx-lights',
    zone: 'dlt',
    enterprise: ZX,
    title: '厂区东侧道路路灯不亮，夜间运输不安全',
    description: '厂区东侧园区道路约 500 米路灯不亮，夜间原料车辆进出存在安全隐患。',
    category: 'road',
    source: 'enterprise',
    by: 'enterprise',
    at: '-0 08:40',
    address: '达拉特经济开发区创业大道东段',
    steps: [],
  },
  {
    key: 'eia-consult',
    zone: 'dlt',
    enterprise: '内蒙古碳科新能源材料有限公司',
    title: '负极材料项目环评批复进度慢',
    description: '项目环评报告已报审一个多月，技术评审意见尚未出具，影响后续施工许可办理。',
    category: 'environment',
    source: 'weekly',
    by: 'officer',
    reporter: { name: '碳科新能源项目经理' },
    at: '-12 10:00',
    steps: [
      {
        do: 'accept',
        by: 'supervisor',
        at: '-12 15:00',
        type: 'longterm',
        lead: '生态环境分局',
        co: ['行政审批服务局'],
        leader: 'gao_jianping',
        person: 'handler',
        days: 15,
      },
      {
        do: 'task',
        by: 'handler',
        at: '-11 09:00',
        title: '组织专家技术评审会',
        dept: '生态环境分局',
        due: '-4 18:00',
        status: 'done',
      },
      {
        do: 'task',
        by: 'handler',
        at: '-11 09:05',
        title: '企业按评审意见修改报告书并报批',
        dept: '生态环境分局',
        due: '+2 18:00',
        status: 'doing',
      },
      {
        do: 'reply',
        by: 'handler',
        at: '-5 17:00',
        text: '技术评审会已召开，企业正在按专家意见修改报告书，预计下周报批。',
      },
    ],
  },
  {
    key: 'land-overdue',
    zone: 'dlt',
    enterprise: '内蒙古电子级多晶硅有限公司',
    title: '二期用地预审材料多次退回补正',
    description: '二期项目用地预审材料已三次退回补正，企业不清楚具体要求，希望一次性告知。',
    category: 'land',
    source: 'hotline',
    by: 'officer',
    reporter: { name: '多晶硅公司办公室', phone: '0477-5211234' },
    at: '-24 09:30',
    steps: [
      {
        do: 'accept',
        by: 'supervisor',
        at: '-24 16:00',
        type: 'longterm',
        lead: '自然资源分局',
        leader: 'gao_jianping',
        days: 15,
      },
      {
        do: 'reply',
        by: '自然资源分局 经办人',
        at: '-20 11:00',
        text: '已一次性告知补正清单，等待企业补充规划选址论证报告。',
      },
      { do: 'level', by: 'supervisor', at: '-3 09:00', level: 'key' },
    ],
  },
  {
    key: 'ext-pending',
    zone: 'dlt',
    enterprise: '内蒙古硅业新材料有限公司',
    title: '排污许可证变更登记',
    description: '新增一条生产线，需变更排污许可证，申请加快办理。',
    category: 'environment',
    source: 'enterprise',
    by: '内蒙古硅业新材料有限公司',
    at: '-14 10:20',
    steps: [
      {
        do: 'accept',
        by: 'supervisor',
        at: '-14 15:00',
        type: 'longterm',
        lead: '生态环境分局',
        person: 'handler',
        days: 15,
      },
      {
        do: 'reply',
        by: 'handler',
        at: '-12 10:00',
        text: '已受理变更申请，需企业补充新增产线的污染物排放核算。',
      },
      {
        do: 'extension',
        by: 'handler',
        at: '-1 16:00',
        days: 5,
        reason: '企业补充的排放核算需第三方复核，申请延期 5 个工作日。',
      },
    ],
  },
  {
    key: 'returned',
    zone: 'dlt',
    enterprise: '内蒙古草原冷链食品有限公司',
    title: '冷库用电申请双回路供电',
    description: '冷链仓储二期需双回路供电，企业咨询办理渠道和时限。',
    category: 'power',
    source: 'weekly',
    by: 'zhao_min',
    reporter: { name: '草原冷链 项目联系人' },
    at: '-3 09:00',
    steps: [
      {
        do: 'accept',
        by: 'supervisor',
        at: '-3 14:00',
        type: 'onsite',
        lead: '规划建设局',
        days: 5,
      },
      {
        do: 'return',
        by: '规划建设局 经办人',
        at: '-2 10:00',
        reason: '双回路供电由供电所受理，不属于规划建设局职责，请改派国网达拉特供电公司开发区供电所。',
      },
    ],
  },
  {
    key: 'inspection',
    zone: 'dlt',
    enterprise: '达拉特旗焦化精细化工有限公司',
    title: '隐患排查：储罐区可燃气体报警器失效',
    description: '安全生产隐患排查发现储罐区 3 台可燃气体报警器失效，责令限期整改。',
    category: 'other',
    source: 'inspection',
    by: 'officer',
    at: '-2 15:00',
    rectifyDeadline: '+5',
    steps: [
      {
        do: 'accept',
        by: 'supervisor',
        at: '-1 09:00',
        type: 'onsite',
        lead: '安全生产监督管理局',
        days: 5,
        level: 'key',
      },
    ],
  },
  {
    key: 'callback',
    zone: 'dlt',
    enterprise: '内蒙古绿塑环保材料有限公司',
    title: '招工难，需对接职业院校',
    description: '企业扩产需招聘操作工 80 人，希望开发区帮助对接职业院校定向培养。',
    category: 'labor',
    source: 'visit',
    by: 'officer',
    reporter: { name: '绿塑环保人事经理' },
    at: '-30 10:00',
    steps: [
      {
        do: 'accept',
        by: 'supervisor',
        at: '-30 15:00',
        type: 'onsite',
        lead: '经济发展局',
        person: 'officer',
        days: 5,
      },
      {
        do: 'resolve',
        by: 'officer',
        at: '-20 16:00',
        text: '已组织企业与旗职业技术学校签订定向培养协议，首批 45 人已到岗。',
      },
      {
        do: 'callback',
        by: 'supervisor',
        at: '-8 10:00',
        result: '企业确认期满未评价，电话回访人事经理，对办理结果基本满意，希望第二批尽快到岗。',
        satisfaction: 'basic',
      },
    ],
  },
  {
    key: 'reopened',
    zone: 'dlt',
    enterprise: '内蒙古京辰科技有限公司',
    title: '厂区门前积水，雨后车辆无法通行',
    description: '厂区门前园区道路排水不畅，雨后积水深达 30 厘米，车辆无法通行。',
    category: 'water',
    source: 'enterprise',
    by: '内蒙古京辰科技有限公司',
    at: '-16 09:00',
    steps: [
      { do: 'receive', by: 'zhao_min', at: '-16 09:30' },
      { do: 'accept', by: 'supervisor', at: '-16 14:00', type: 'onsite', lead: '规划建设局', days: 5 },
      {
        do: 'resolve',
        by: '规划建设局 经办人',
        at: '-12 17:00',
        text: '已疏通门前雨水口和排水管道，清理淤泥约 3 方。',
      },
      {
        do: 'confirm',
        by: '内蒙古京辰科技有限公司',
        at: '-10 09:00',
        satisfaction: 'unsatisfied',
        comment: '前天下雨又积水了，排水管坡度不够，只疏通解决不了问题。',
      },
      {
        do: 'reply',
        by: '规划建设局 经办人',
        at: '-9 15:00',
        text: '已委托设计单位复测管道坡度，计划改造排水管道 120 米。',
      },
    ],
  },
  {
    key: 'withdrawn',
    zone: 'dlt',
    enterprise: ZX,
    title: '咨询高新技术企业认定申报时间',
    description: '想了解今年高新技术企业认定申报的时间和材料。',
    category: 'policy',
    source: 'enterprise',
    by: 'enterprise',
    at: '-6 11:00',
    steps: [
      {
        do: 'withdraw',
        by: 'enterprise',
        at: '-6 15:00',
        reason: '已在政务服务网查到申报通知，不需要再办理。',
      },
    ],
  },
]

/** Everyday problems of a zone by category, for the generated part of the demo. */
export const EVERYDAY: Record<string, Array<[string, string]>> = {
  permit: [
    ['施工许可证办理咨询', '主体结构设计变更后施工许可如何重新办理，希望明确材料清单。'],
    ['消防设计审查进度慢', '消防设计审查已报送 20 天，尚未出具意见。'],
    ['项目备案信息变更', '项目建设内容调整，需要变更备案信息。'],
  ],
  land: [
    ['厂区红线内存在未迁坟墓', '厂区用地红线内有两处坟墓尚未迁移，影响场平施工。'],
    ['不动产权证办理', '土地出让金已缴清，申请尽快办理不动产权证。'],
  ],
  environment: [
    ['危废暂存间建设标准咨询', '希望环保部门指导危废暂存间的建设标准和台账要求。'],
    ['环境监测数据异常', '在线监测数据出现异常跳变，需协调运维单位核查。'],
  ],
  power: [
    ['施工用电容量不足', '施工高峰期用电负荷超出临时变压器容量，需协调增容。'],
    ['厂区频繁短时停电', '近一个月厂区发生 4 次短时停电，造成生产线停机。'],
  ],
  water: [
    ['工业用水管网压力低', '高峰时段工业用水压力不足，影响冷却系统运行。'],
    ['雨水管网未接通', '厂区雨水管网与园区管网未接通，雨季有内涝风险。'],
  ],
  road: [
    ['园区道路破损', '厂区门前道路路面破损严重，重载车辆通行困难。'],
    ['道路标志标线缺失', '新建园区道路缺少标志标线，夜间行车不安全。'],
  ],
  finance: [
    ['流动资金贷款对接', '原料集中采购需流动资金 3000 万元，希望对接银行。'],
    ['技改贴息申报', '咨询技术改造项目贷款贴息的申报条件。'],
  ],
  labor: [['技术工人短缺', '新生产线投产需电工、焊工等技术工人 30 名。']],
  policy: [
    ['招商引资奖励兑现', '按投资协议应兑现的设备投资奖励尚未到位。'],
    ['电价优惠政策咨询', '咨询电力市场化交易和优惠电价政策的申请流程。'],
  ],
  other: [['员工通勤班车', '园区距城区较远，希望开通员工通勤公交线路。']],
}

/** Who handles a category in 达拉特 (the lead unit at triage). */
export const DLT_LEAD: Record<string, string> = {
  permit: '行政审批服务局',
  land: '自然资源分局',
  environment: '生态环境分局',
  power: '国网达拉特供电公司开发区供电所',
  water: '规划建设局',
  road: '规划建设局',
  finance: '财政金融局',
  labor: '经济发展局',
  policy: '经济发展局',
  other: '项目服务中心',
}
