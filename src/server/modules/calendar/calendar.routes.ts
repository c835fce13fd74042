import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { Ok, responses } from '../../lib/route-helpers.ts'
import { DATE_PATTERN } from '../../lib/schema-parts.ts'
import type { Services } from '../../services.ts'

const Day = Type.Object({
  day: Type.String(),
  kind: Type.String(),
  name: Type.String(),
  updatedAt: Type.String({ format: 'date-time' }),
})
const DateParam = Type.Object({ day: Type.String({ pattern: DATE_PATTERN, title: '日期' }) })

export async function calendarRoutes(fastify: FastifyInstance, { services }: { services: Services }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const tags = ['工作日历 Calendar']

  app.get('/', {
    schema: {
      tags,
      summary: '某年的放假与调休安排 / Holidays and make-up working days of a year',
      querystring: Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100, title: '年份' }) }),
      response: responses({
        200: Type.Object({ items: Type.Array(Day), years: Type.Array(Type.Integer()) }),
      }),
    },
    handler: async (req) => ({
      items: await services.calendar.year(req.query.year),
      years: await services.calendar.years(),
    }),
  })

  app.get('/working-days', {
    schema: {
      tags,
      summary: '计算期限：某日之后第 N 个工作日 / The Nth working day after a date',
      querystring: Type.Object({
        from: Type.String({ pattern: DATE_PATTERN, title: '起算日期' }),
        days: Type.Integer({ minimum: 0, maximum: 250, title: '工作日数' }),
      }),
      response: responses({
        200: Type.Object({ from: Type.String(), days: Type.Integer(), due: Type.String() }),
      }),
    },
    handler: async (req) => ({
      from: req.query.from,
      days: req.query.days,
      due: await services.calendar.addWorking(req.query.from, req.query.days),
    }),
  })

  app.put('/:day', {
    config: { permission: 'settings:manage' },
    schema: {
      tags,
      summary: '设置放假或调休上班日 / Set a holiday or a make-up working day',
      params: DateParam,
      body: Type.Object({
        kind: Type.Union([Type.Literal('holiday'), Type.Literal('workday')], { title: '类型' }),
        name: Type.String({ minLength: 1, maxLength: 30, title: '名称' }),
      }),
      response: responses({ 200: Ok }),
    },
    handler: async (req) => {
      await services.calendar.setDay(req.ctx(), { day: req.params.day, ...req.body })
      return { ok: true }
    },
  })

  app.delete('/:day', {
    config: { permission: 'settings:manage' },
    schema: {
      tags,
      summary: "删除某日的设置 / Remove a day's setting",
      params: DateParam,
      response: responses({ 200: Ok }),
    },
    handler: async (req) => {
      await services.calendar.removeDay(req.ctx(), req.params.day)
      return { ok: true }
    },
  })
}
