/**
 * A stand-in of the Tencent Cloud management API behind the real `@cloudbase/manager-node` (the version the deploy
 * pins): each request manager-node builds is recorded and answered from a small model of one environment, at the one
 * place it would go out signed (`CloudService.requestWithSign`). So the deploy's calls run through manager-node's own
 * code, and a test sees the exact requests they become (`Action` and parameters) — what the cloud would receive.
 */
import { createRequire } from 'node:module';

export interface Recorded {
  service: string;
  action: string;
  data: Record<string, unknown>;
}

interface FunctionState {
  Timeout: number;
  Variables: { Key: string; Value: string }[];
  Triggers: { TriggerName: string; Type: string; TriggerDesc: string }[];
  ModTime: number;
}

export interface ManagementApi {
  calls: Recorded[];
  actions(): string[];
  tables: Map<string, { Name: string; Keys: { Name: string; Direction: string }[] }[]>;
  functions: Map<string, FunctionState>;
  permissions: Map<string, string>;
  functionRule: string | undefined;
  /** What the API makes of a requested 2dsphere key: a 2dsphere index, or (as manager-node's comment fears) a planar one. */
  geoBecomes: '2dsphere' | '2d';
  /** How an invocation is answered (the function's return value); unset: InvokeResult -1. */
  invoke?: (name: string, event: unknown) => Promise<unknown>;
  restore(): void;
}

type Service = { service: string; action: string; data: Record<string, unknown> };

const requireFromManager = createRequire(require.resolve('@cloudbase/manager-node'));

export function startManagementApi(envId: string): ManagementApi {
  const { CloudService } = requireFromManager('./utils/cloud-api-request') as {
    CloudService: { prototype: { requestWithSign(this: Service): Promise<unknown> } };
  };
  const original = CloudService.prototype.requestWithSign;
  const api: ManagementApi = {
    calls: [],
    actions: () => api.calls.map((c) => c.action),
    tables: new Map(),
    functions: new Map(),
    permissions: new Map(),
    functionRule: undefined,
    geoBecomes: '2dsphere',
    restore() {
      CloudService.prototype.requestWithSign = original;
    },
  };
  const error = (Code: string, Message: string) => ({ Response: { Error: { Code, Message }, RequestId: 'req' } });
  const ok = (body: Record<string, unknown> = {}) => ({ Response: { ...body, RequestId: 'req' } });

  async function answer(action: string, data: Record<string, unknown>): Promise<unknown> {
    switch (action) {
      case 'DescribeEnvInfo':
        return ok({ EnvInfo: { EnvBaseInfo: { EnvId: envId, Databases: [{ InstanceId: 'tnt-test' }], Functions: [{ Namespace: envId }], Storages: [] } } });
      case 'DescribeTable': {
        const indexes = api.tables.get(String(data.TableName));
        return indexes
          ? ok({ Indexes: [{ Name: '_id_', Keys: [{ Name: '_id', Direction: '1' }] }, ...indexes], IndexNum: indexes.length + 1 })
          : error('ResourceNotFound', 'table not found');
      }
      case 'CreateTable':
        api.tables.set(String(data.TableName), []);
        return ok();
      case 'UpdateTable': {
        const indexes = api.tables.get(String(data.TableName)) ?? [];
        const dropped = ((data.DropIndexes as { IndexName: string }[] | undefined) ?? []).map((d) => d.IndexName);
        const created = (
          (data.CreateIndexes as { IndexName: string; MgoKeySchema: { MgoIndexKeys: { Name: string; Direction: string }[] } }[] | undefined) ?? []
        ).map((c) => ({
          Name: c.IndexName,
          Keys: c.MgoKeySchema.MgoIndexKeys.map((k) => ({ Name: k.Name, Direction: k.Direction === '2dsphere' ? api.geoBecomes : k.Direction })),
        }));
        api.tables.set(String(data.TableName), [...indexes.filter((i) => !dropped.includes(i.Name) && !created.some((c) => c.Name === i.Name)), ...created]);
        return ok();
      }
      case 'ModifyResourcePermission':
        if (data.ResourceType === 'function') api.functionRule = String(data.SecurityRule);
        else api.permissions.set(String(data.Resource), String(data.Permission));
        return ok({ Data: { Success: true } });
      case 'DescribeResourcePermission':
        if (data.ResourceType === 'function')
          return ok({
            Data: {
              TotalCount: 1,
              PermissionList: api.functionRule ? [{ ResourceType: 'function', Permission: 'CUSTOM', SecurityRule: api.functionRule }] : [],
            },
          });
        return ok({
          Data: {
            TotalCount: 0,
            PermissionList: ((data.Resources as string[]) ?? []).map((r) => ({
              ResourceType: data.ResourceType,
              Resource: r,
              Permission: api.permissions.get(r) ?? 'PRIVATE',
            })),
          },
        });
      case 'GetFunction': {
        const f = api.functions.get(String(data.FunctionName));
        if (!f) return error('ResourceNotFound.Function', `function ${String(data.FunctionName)} not found`);
        return ok({
          FunctionName: data.FunctionName,
          Status: 'Active',
          Timeout: f.Timeout,
          ModTime: String(f.ModTime),
          Environment: { Variables: f.Variables },
          Triggers: f.Triggers,
        });
      }
      case 'CreateFunction': {
        if (api.functions.has(String(data.FunctionName))) return error('ResourceInUse.Function', 'exists');
        const env = data.Environment as { Variables: { Key: string; Value: string }[] } | undefined;
        api.functions.set(String(data.FunctionName), { Timeout: Number(data.Timeout), Variables: env?.Variables ?? [], Triggers: [], ModTime: Date.now() });
        return ok();
      }
      case 'UpdateFunctionCode': {
        const f = api.functions.get(String(data.FunctionName));
        if (f) f.ModTime = Date.now();
        return ok();
      }
      case 'UpdateFunctionConfiguration': {
        const f = api.functions.get(String(data.FunctionName));
        const env = data.Environment as { Variables: { Key: string; Value: string }[] } | undefined;
        // The whole environment is replaced by the one given (none given: left as it is).
        if (f) Object.assign(f, { Timeout: Number(data.Timeout ?? f.Timeout), ...(env ? { Variables: env.Variables } : {}) });
        return ok();
      }
      case 'BatchCreateTrigger': {
        const f = api.functions.get(String(data.FunctionName));
        const triggers = JSON.parse(String(data.Triggers)) as { TriggerName: string; Type: string; TriggerDesc: string }[];
        if (!f) return error('ResourceNotFound.Function', 'no function');
        if (triggers.some((t) => f.Triggers.some((e) => e.TriggerName === t.TriggerName))) return error('ResourceInUse.Trigger', 'trigger exists');
        f.Triggers.push(...triggers.map((t) => ({ TriggerName: t.TriggerName, Type: t.Type, TriggerDesc: JSON.stringify({ cron: t.TriggerDesc }) })));
        return ok();
      }
      case 'DeleteTrigger': {
        const f = api.functions.get(String(data.FunctionName));
        if (f) f.Triggers = f.Triggers.filter((t) => t.TriggerName !== data.TriggerName);
        return ok();
      }
      case 'Invoke': {
        if (!api.invoke) return ok({ Result: { InvokeResult: -1, ErrMsg: 'no function here', RetMsg: '' } });
        try {
          const ret = await api.invoke(String(data.FunctionName), JSON.parse(String(data.ClientContext ?? '{}')));
          return ok({
            Result: { InvokeResult: 0, RetMsg: JSON.stringify(ret), ErrMsg: '', Log: '', Duration: 1, BillDuration: 1, MemUsage: 1, FunctionRequestId: 'f' },
          });
        } catch (e) {
          return ok({ Result: { InvokeResult: 1, RetMsg: '', ErrMsg: e instanceof Error ? e.message : String(e) } });
        }
      }
      default:
        return error('UnsupportedOperation', `the management API stand-in does not serve ${action}`);
    }
  }

  CloudService.prototype.requestWithSign = async function requestWithSign(this: Service) {
    const data = JSON.parse(JSON.stringify(this.data ?? {})) as Record<string, unknown>;
    api.calls.push({ service: this.service, action: this.action, data });
    return answer(this.action, data);
  };
  return api;
}
