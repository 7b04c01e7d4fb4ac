/**
 * Agents (代理人): the owner authorises a phone number to act for one house; whoever signs in with
 * that number may then report tenants, move them out and answer requests there, until the owner
 * withdraws it. The number is kept as a keyed hash (the key) and masked (for the owner's list).
 */
import { randomUUID } from 'node:crypto';
import { maskPhone } from '#shared/identity/masking';
import { currentInstant } from '#functions/commons/clock';
import { tableName } from '#functions/commons/environment';
import { ApiError, invalidField } from '#functions/commons/errors';
import type { Caller } from '#functions/commons/http/caller';
import { keyedHash } from '#functions/commons/pii';
import { failedConditions, transact } from '#functions/commons/transactions';
import { agentsOf, houseForOwner } from './access.ts';
import { houseEventPut } from './houses.ts';
import { agentHousesPartition, agentKey, type AgentItem } from './items.ts';

export async function addAgent(caller: Caller, code: string, phone: string): Promise<AgentItem> {
  const house = await houseForOwner(caller, code);
  if (phone === caller.phone) throw invalidField('phone', 'validation.ownPhone');
  const phoneHash = await keyedHash('phone', phone);
  const at = currentInstant().toISOString();
  const agent: AgentItem = {
    ...agentKey(code, phoneHash),
    id: randomUUID(),
    houseId: code,
    phoneHash,
    phoneMasked: maskPhone(phone),
    addedAt: at,
    gsi1pk: agentHousesPartition(phoneHash),
    gsi1sk: `${at}#${code}`,
  };
  try {
    await transact([
      { Put: { TableName: tableName(), Item: agent, ConditionExpression: 'attribute_not_exists(pk)' } },
      houseEventPut(house, at, 'agentAdded', 'owner', caller.id),
    ]);
  } catch (error) {
    if (failedConditions(error)) throw new ApiError(409, 'agent_exists');
    throw error;
  }
  return agent;
}

export async function removeAgent(caller: Caller, code: string, agentId: string): Promise<void> {
  const house = await houseForOwner(caller, code);
  const agent = (await agentsOf(code)).find((a) => a.id === agentId);
  if (!agent) throw new ApiError(404, 'agent_not_found');
  try {
    await transact([
      {
        Delete: {
          TableName: tableName(),
          Key: { pk: agent.pk, sk: agent.sk },
          ConditionExpression: 'id = :id',
          ExpressionAttributeValues: { ':id': agentId },
        },
      },
      houseEventPut(house, currentInstant().toISOString(), 'agentRemoved', 'owner', caller.id),
    ]);
  } catch (error) {
    if (failedConditions(error)) throw new ApiError(404, 'agent_not_found');
    throw error;
  }
}
