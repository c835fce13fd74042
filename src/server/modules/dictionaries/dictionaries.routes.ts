import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { responses } from '../../lib/route-helpers.ts'
import type { Services } from '../../services.ts'
import {
  CreateDictItemBody,
  DictItem,
  DictType,
  ItemParams,
  TypeParams,
  UpdateDictItemBody,
} from './dictionaries.schema.ts'

export async function dictionariesRoutes(fastify: FastifyInstance, { services }: { services: Services }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const svc = services.dictionaries
  const tags = ['字典 Dictionaries']

  app.get('/', {
    schema: {
      tags,
      summary: '字典类型 / Dictionary types',
      response: responses({ 200: Type.Object({ items: Type.Array(DictType) }) }),
    },
    handler: async () => ({ items: await svc.types() }),
  })

  app.get('/:type/items', {
    schema: {
      tags,
      summary: '字典项（表单选项与显示颜色） / Items of a dictionary',
      params: TypeParams,
      querystring: Type.Object({ includeDisabled: Type.Optional(Type.Boolean({ title: '包含已停用' })) }),
      response: responses({ 200: Type.Object({ items: Type.Array(DictItem) }) }),
    },
    handler: async (req) => ({ items: await svc.items(req.params.type, req.query.includeDisabled ?? false) }),
  })

  app.post('/:type/items', {
    config: { permission: 'dict:manage' },
    schema: {
      tags,
      summary: '新增字典项 / Add an item',
      params: TypeParams,
      body: CreateDictItemBody,
      response: responses({ 201: DictItem }),
    },
    handler: async (req, reply) =>
      reply.status(201).send(await svc.createItem(req.ctx(), req.params.type, req.body)),
  })

  app.patch('/:type/items/:id', {
    config: { permission: 'dict:manage' },
    schema: {
      tags,
      summary: '修改字典项（停用代替删除） / Update an item',
      params: ItemParams,
      body: UpdateDictItemBody,
      response: responses({ 200: DictItem }),
    },
    handler: async (req) => svc.updateItem(req.ctx(), req.params.type, req.params.id, req.body),
  })
}
