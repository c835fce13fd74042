/**
 * The demo organisation, drawn from the seed articles (../shared/seeds): the five places they
 * describe, with the departments each one names. Demo accounts sit in 达拉特经济开发区, the zone
 * whose portfolio the articles count in most detail; people the articles name get accounts too.
 */
export interface OrgNode {
  key: string
  kind: 'city' | 'zone' | 'department' | 'section'
  name: string
  /** zone code, the prefix of project and problem numbers (DLT-2026-0001) */
  code?: string
  shortName?: string
  regionCode?: string
  children?: OrgNode[]
}

const d = (key: string, name: string, children?: OrgNode[], shortName?: string): OrgNode => ({
  key,
  kind: 'department',
  name,
  children,
  shortName,
})
const s = (key: string, name: string): OrgNode => ({ key, kind: 'section', name })

export const DEMO_ORG: OrgNode[] = [
  {
    key: 'ordos',
    kind: 'city',
    name: '鄂尔多斯市',
    regionCode: '150600',
    children: [
      {
        key: 'dalate',
        kind: 'city',
        name: '达拉特旗',
        regionCode: '150621',
        children: [
          {
            key: 'dlt',
            code: 'DLT',
            kind: 'zone',
            name: '达拉特经济开发区',
            shortName: '达拉特开发区',
            regionCode: '150621',
            children: [
              d('dlt-leaders', '党工委管委会领导班子', undefined, '领导班子'),
              d('dlt-office', '党政办公室'),
              d(
                'dlt-supervision',
                '督查室（项目办）',
                [s('dlt-sup-push', '项目推进科'), s('dlt-sup-check', '考核督办科')],
                '督查室',
              ),
              d('dlt-projects', '项目服务中心', [s('dlt-proj-team', '重点项目专班')]),
              d('dlt-invest', '招商局'),
              d('dlt-econ', '经济发展局'),
              d('dlt-build', '规划建设局'),
              d('dlt-land', '自然资源分局'),
              d('dlt-eco', '生态环境分局', [s('dlt-eco-permit', '排污许可科')]),
              d('dlt-approval', '行政审批服务局'),
              d('dlt-safety', '安全生产监督管理局'),
              d('dlt-finance', '财政金融局'),
              d('dlt-petition', '综治信访办'),
              d('dlt-power', '国网达拉特供电公司开发区供电所', undefined, '供电所'),
              d('dlt-discipline', '纪工委监察室'),
              d('dlt-it', '信息中心'),
              d('dlt-enterprises', '入驻企业'),
            ],
          },
        ],
      },
    ],
  },
  {
    key: 'tongliao',
    kind: 'city',
    name: '通辽市',
    regionCode: '150500',
    children: [
      {
        key: 'tl',
        code: 'TL',
        kind: 'zone',
        name: '通辽经济技术开发区',
        shortName: '通辽开发区',
        regionCode: '150571',
        children: [
          d('tl-office', '管委会办公室'),
          d('tl-projects', '开发区项目专班', undefined, '项目专班'),
          d('tl-invest', '招商局'),
          d('tl-eco', '生态环境分局', [s('tl-eco-waste', '固废管理部')]),
          d('tl-land', '自然资源分局'),
          d('tl-build', '规划建设局'),
          d('tl-enterprises', '入驻企业'),
        ],
      },
    ],
  },
  {
    key: 'hengyang',
    kind: 'city',
    name: '衡阳市',
    regionCode: '430400',
    children: [
      {
        key: 'leiyang',
        kind: 'city',
        name: '耒阳市',
        regionCode: '430481',
        children: [
          d('ly-org', '市委组织部'),
          d('ly-ndrc', '市发展和改革局', undefined, '发改局'),
          d('ly-market', '市市场监督管理局', undefined, '市场监管局'),
          d('ly-approval', '市行政审批服务局'),
          d('ly-grid', '国网耒阳市供电分公司', undefined, '国网耒阳分公司'),
          {
            key: 'ly',
            code: 'LY',
            kind: 'zone',
            name: '耒阳经济开发区',
            shortName: '耒阳经开区',
            regionCode: '430481',
            children: [
              d('ly-office', '管委会办公室'),
              d('ly-service', '企业服务中心'),
              d('ly-enterprises', '入驻企业'),
            ],
          },
        ],
      },
    ],
  },
  {
    key: 'handan',
    kind: 'city',
    name: '邯郸市',
    regionCode: '130400',
    children: [
      {
        key: 'fx',
        code: 'FX',
        kind: 'zone',
        name: '肥乡区',
        regionCode: '130407',
        children: [
          d('fx-gov', '区政府办公室'),
          d('fx-push', '园区转型突破和项目建设推进组', undefined, '推进组'),
          d('fx-ndrc', '发展和改革局'),
          d('fx-land', '自然资源和规划局'),
          d('fx-build', '住房和城乡建设局'),
          d('fx-approval', '行政审批局'),
        ],
      },
    ],
  },
  {
    key: 'jining',
    kind: 'city',
    name: '济宁市',
    regionCode: '370800',
    children: [
      {
        key: 'yanzhou',
        kind: 'city',
        name: '兖州区',
        regionCode: '370812',
        children: [
          {
            key: 'yd',
            code: 'YD',
            kind: 'zone',
            name: '颜店镇工业园区',
            regionCode: '370812',
            children: [
              d('yd-office', '党政办公室'),
              d('yd-hq', '重点项目建设会战指挥部', undefined, '指挥部'),
              d('yd-invest', '招商服务中心'),
              d('yd-fix', '项目建设纠风队'),
            ],
          },
        ],
      },
    ],
  },
]

export interface DemoUser {
  username: string
  displayName: string
  dept: string
  title: string
  roles: string[]
  phone?: string
}

export const DEMO_PASSWORD = 'Demo@2026'

/** The eight demo accounts of the README, then people the articles name. */
export const DEMO_USERS: DemoUser[] = [
  { username: 'sysadmin', displayName: '赵晓峰', dept: 'dlt-it', title: '系统管理员', roles: ['sysadmin'] },
  { username: 'secadmin', displayName: '钱雅琴', dept: 'dlt-it', title: '安全管理员', roles: ['secadmin'] },
  {
    username: 'auditadmin',
    displayName: '孙立伟',
    dept: 'dlt-discipline',
    title: '审计管理员',
    roles: ['auditadmin'],
  },
  {
    username: 'director',
    displayName: '王振东',
    dept: 'dlt-leaders',
    title: '管委会主任',
    roles: ['leader'],
    phone: '13904770001',
  },
  {
    username: 'supervisor',
    displayName: '刘海燕',
    dept: 'dlt-supervision',
    title: '督查室主任',
    roles: ['supervisor'],
    phone: '13904770002',
  },
  {
    username: 'officer',
    displayName: '张宏伟',
    dept: 'dlt-proj-team',
    title: '项目管家',
    roles: ['officer'],
    phone: '13904770003',
  },
  {
    username: 'handler',
    displayName: '陈志刚',
    dept: 'dlt-eco',
    title: '生态环境分局经办人',
    roles: ['handler'],
    phone: '13904770004',
  },
  {
    username: 'enterprise',
    displayName: '周晓明',
    dept: 'dlt-enterprises',
    title: '内蒙古中轩生化科技有限公司 项目联系人',
    roles: ['enterprise'],
    phone: '13904770005',
  },
  // 包联 leaders and 专班 members for the zone's 32 key projects (五个一).
  {
    username: 'li_wenhua',
    displayName: '李文华',
    dept: 'dlt-leaders',
    title: '管委会副主任',
    roles: ['leader'],
  },
  {
    username: 'gao_jianping',
    displayName: '高建平',
    dept: 'dlt-leaders',
    title: '管委会副主任',
    roles: ['leader'],
  },
  {
    username: 'ma_chunmei',
    displayName: '马春梅',
    dept: 'dlt-leaders',
    title: '党工委委员',
    roles: ['leader'],
  },
  { username: 'zhao_min', displayName: '赵敏', dept: 'dlt-proj-team', title: '项目管家', roles: ['officer'] },
  { username: 'sun_hao', displayName: '孙浩', dept: 'dlt-proj-team', title: '项目管家', roles: ['officer'] },
  {
    username: 'wang_lei',
    displayName: '王磊',
    dept: 'dlt-invest',
    title: '招商局副局长',
    roles: ['officer'],
  },
  // 000: 郑毅 of the solid-waste section; 韩明, general manager of 金旗牛业.
  {
    username: 'zhengyi',
    displayName: '郑毅',
    dept: 'tl-eco-waste',
    title: '固废管理部工作人员',
    roles: ['handler'],
  },
  {
    username: 'hanming',
    displayName: '韩明',
    dept: 'tl-enterprises',
    title: '内蒙古金旗牛业有限公司 总经理',
    roles: ['enterprise'],
  },
  // 001: the Leiyang enterprise managers quoted.
  {
    username: 'zhangzhihui',
    displayName: '张志辉',
    dept: 'ly-enterprises',
    title: '湖南先导新材料科技有限公司 综合部经理',
    roles: ['enterprise'],
  },
  {
    username: 'liuying',
    displayName: '刘鹰',
    dept: 'ly-enterprises',
    title: '湖南金凯循环科技有限公司 常务副总经理',
    roles: ['enterprise'],
  },
  {
    username: 'ly_supervisor',
    displayName: '罗文斌',
    dept: 'ly-service',
    title: '企业服务中心主任',
    roles: ['supervisor'],
  },
  { username: 'fx_push', displayName: '郭建军', dept: 'fx-push', title: '推进组组长', roles: ['supervisor'] },
  {
    username: 'tl_supervisor',
    displayName: '白雪峰',
    dept: 'tl-projects',
    title: '开发区项目专班负责人',
    roles: ['supervisor'],
  },
  {
    username: 'yd_supervisor',
    displayName: '颜志强',
    dept: 'yd-hq',
    title: '指挥部办公室主任',
    roles: ['supervisor'],
  },
]
