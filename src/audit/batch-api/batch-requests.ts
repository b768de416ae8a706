// The batch lines of a sensor-mode dataset audit: one request per (item, agent), exactly what the live chain would send.
import { customId } from '../../llm/batch/custom-id';
import type { BatchJobRequest } from '../../llm/batch/batch-job-runner';
import { requestKey } from '../../llm/request-key';
import type { DatasetRow } from '../dataset';
import type { BatchObservationSource } from './batch-observation-source';

export function batchRequests(source: BatchObservationSource, provider: string, rows: readonly DatasetRow[], agents: number, prior: readonly number[]): BatchJobRequest[] {
  const requests: BatchJobRequest[] = [];
  for (const row of rows) {
    for (let agent = 1; agent <= agents; agent++) {
      // As the chain runner's sensor mode: no predecessors, the prior as public belief.
      const build = () => source.completionRequest({ item: row.item, agent, text: row.text, predecessors: [], publicBelief: [...prior], trueState: row.label });
      const request = build();
      requests.push({ customId: customId(row.item, agent), key: requestKey(provider, request), model: request.model, request: build });
    }
  }
  return requests;
}
