// Types of scripts/pg-throwaway.mjs, a plain script shared with CI and the benchmarks.
export interface Cluster {
  url: string;
  dir: string;
  port: number;
}
export function pgBin(): string;
export function startCluster(port?: number): Cluster;
export function stopCluster(dir: string): void;
export function resumeCluster(cluster: Cluster): void;
export function pauseCluster(dir: string): void;
