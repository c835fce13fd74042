/** Dictionaries the product ships; seeded once, then edited by the system administrator. */
export interface BuiltinDict {
  code: string
  name: string
  nameEn: string
  description: string
  items: Array<[code: string, label: string, labelEn: string, color: string]>
}

export const BUILTIN_DICTIONARIES: BuiltinDict[] = [
  {
    code: 'project_stage',
    name: '项目阶段',
    nameEn: 'Project stage',
    description: '洽谈 → 签约 → 前期手续 → 开工在建 → 建成验收 → 试生产 → 投产；阶段变化记入项目时间线',
    items: [
      ['negotiating', '洽谈', 'Negotiating', '#8c8c8c'],
      ['signed', '签约', 'Signed', '#2f54eb'],
      ['preliminary', '前期手续', 'Preliminary procedures', '#13c2c2'],
      ['construction', '开工在建', 'Under construction', '#fa8c16'],
      ['completed', '建成验收', 'Completed and accepted', '#52c41a'],
      ['trial', '试生产', 'Trial production', '#389e0d'],
      ['production', '投产', 'In production', '#237804'],
    ],
  },
  {
    code: 'project_level',
    name: '项目级别',
    nameEn: 'Project level',
    description: '重点项目的级别',
    items: [
      ['national', '国家级重点项目', 'National key project', '#cf1322'],
      ['provincial', '省（自治区）级重点项目', 'Provincial key project', '#d4380d'],
      ['city', '市级重点项目', 'City key project', '#d46b08'],
      ['county', '县（旗、区）级重点项目', 'County key project', '#d48806'],
      ['zone', '园区级重点项目', 'Zone key project', '#7cb305'],
    ],
  },
  {
    code: 'project_nature',
    name: '建设性质',
    nameEn: 'Nature of construction',
    description: '新建、续建、扩建、技改',
    items: [
      ['new', '新建', 'New', '#1677ff'],
      ['continued', '续建', 'Continued', '#722ed1'],
      ['expansion', '扩建', 'Expansion', '#13c2c2'],
      ['renovation', '技改', 'Technical renovation', '#fa8c16'],
    ],
  },
  {
    code: 'project_tag',
    name: '项目标签',
    nameEn: 'Project tag',
    description: '引进一批、落地一批、储备一批',
    items: [
      ['introduced', '引进一批', 'Introduced', '#2f54eb'],
      ['landed', '落地一批', 'Landed', '#52c41a'],
      ['reserve', '储备一批', 'In reserve', '#8c8c8c'],
    ],
  },
  {
    code: 'problem_category',
    name: '问题类别',
    nameEn: 'Problem category',
    description: '企业诉求与项目问题的分类',
    items: [
      ['permit', '审批手续', 'Permits and approvals', '#2f54eb'],
      ['land', '用地', 'Land', '#8c6e00'],
      ['environment', '环保', 'Environment', '#389e0d'],
      ['power', '供电', 'Power supply', '#d48806'],
      ['water', '供水排水', 'Water and sewage', '#08979c'],
      ['road', '道路交通', 'Roads and transport', '#595959'],
      ['finance', '融资信贷', 'Finance and credit', '#c41d7f'],
      ['labor', '用工', 'Labour', '#531dab'],
      ['policy', '政策兑现', 'Policy delivery', '#d4380d'],
      ['other', '其他', 'Other', '#8c8c8c'],
    ],
  },
  {
    code: 'problem_source',
    name: '问题来源',
    nameEn: 'Problem source',
    description: '问题从哪里来',
    items: [
      ['enterprise', '企业反映', 'Raised by the enterprise', '#1677ff'],
      ['visit', '走访调研', 'Visit', '#13c2c2'],
      ['onsite', '现场办公', 'On-site office', '#fa8c16'],
      ['weekly', '周对接', 'Weekly progress', '#722ed1'],
      ['hotline', '热线', 'Hotline', '#eb2f96'],
      ['inspection', '隐患排查', 'Inspection', '#cf1322'],
      ['open311', '接口接入', 'Open311 API', '#8c8c8c'],
      ['service', '帮办代办', 'Permit agent service', '#2f54eb'],
    ],
  },
  {
    code: 'problem_type',
    name: '问题类型',
    nameEn: 'Problem type',
    description: '眼前事现场办、共性事立项办、长远事限时办',
    items: [
      ['onsite', '眼前事', 'On-the-spot', '#52c41a'],
      ['common', '共性事', 'Common', '#1677ff'],
      ['longterm', '长远事', 'Long-term', '#722ed1'],
    ],
  },
  {
    code: 'supervision_level',
    name: '督办级别',
    nameEn: 'Supervision level',
    description: '一般、重点、挂牌督办',
    items: [
      ['normal', '一般督办', 'Normal', '#8c8c8c'],
      ['key', '重点督办', 'Key', '#fa8c16'],
      ['listed', '挂牌督办', 'Listed', '#cf1322'],
    ],
  },
  {
    code: 'enterprise_scale',
    name: '企业规模',
    nameEn: 'Enterprise scale',
    description: '大型、中型、小型、微型',
    items: [
      ['large', '大型', 'Large', '#cf1322'],
      ['medium', '中型', 'Medium', '#fa8c16'],
      ['small', '小型', 'Small', '#1677ff'],
      ['micro', '微型', 'Micro', '#8c8c8c'],
    ],
  },
  {
    code: 'visit_kind',
    name: '走访类型',
    nameEn: 'Visit kind',
    description: '四下基层：调研、现场办公、宣传下基层、信访下基层',
    items: [
      ['research', '调研', 'Field research', '#1677ff'],
      ['onsite', '现场办公', 'On-site office', '#fa8c16'],
      ['publicity', '宣传下基层', 'Publicity', '#52c41a'],
      ['petition', '信访下基层', 'Petitions', '#722ed1'],
    ],
  },
]
