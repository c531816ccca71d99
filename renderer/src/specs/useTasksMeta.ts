import { useEffect, useState } from 'react';
import { getServices } from '../app/services';
import { parseTasksMeta, type TasksMetaDoc } from '../../../specs-schema';

/**
 * Kiro's `tasks.meta.json` beside tasks.md (run history and property-test results), read from disk and re-read when
 * it changes — Keel's runner and Kiro both append to it. Undefined when the spec has none.
 */
export function useTasksMeta(specDir: string): TasksMetaDoc | undefined {
  const [meta, setMeta] = useState<TasksMetaDoc>();
  useEffect(() => {
    const path = `${specDir}/tasks.meta.json`;
    const { client } = getServices();
    let alive = true;
    const load = () =>
      client.request('workspace/readFile', { path }).then(
        (file) => alive && setMeta(parseTasksMeta(file.content)),
        () => alive && setMeta(undefined),
      );
    void load();
    const off = client.on('workspace/changed', ({ changes }) => {
      if (changes.some((c) => c.path === path)) void load();
    });
    return () => {
      alive = false;
      off();
    };
  }, [specDir]);
  return meta;
}
