/**
 * Job files for array schedulers, emitted by `risklab plan --emit`: a
 * Kubernetes Indexed Job (`job.k8s.yaml`) and a Slurm job array
 * (`job.slurm.sh`). Each array element runs `risklab task <plan> --stride A`
 * with its index from the scheduler's variable (JOB_COMPLETION_INDEX,
 * SLURM_ARRAY_TASK_ID), so an array of A elements runs every task of a plan
 * of any size: element i runs tasks i, i + A, i + 2A, … Pure: values in, text out.
 */
import { stringify } from 'yaml';

/** What the emitted files need to know about a plan. */
export interface EmitInput {
  readonly experiment: string;
  readonly configHash: string;
  readonly tasks: number;
  /** Memory one task needs (bytes), from src/memory.ts's estimate: the request of each pod or array element. */
  readonly memoryBytes: number;
}

export interface EmitOptions {
  /** Array elements (pods, Slurm array tasks). Default min(tasks, 1000): Slurm's default MaxArraySize is 1001. */
  readonly arraySize?: number;
  /** Kubernetes: the container image with `risklab` on its PATH. Default "risklab:latest". */
  readonly image?: string;
  /** Kubernetes: the PersistentVolumeClaim holding the plan folder, mounted at /plan. Default "risklab-plan". */
  readonly claim?: string;
  /** Kubernetes: pods at a time. Default min(array size, 10). */
  readonly parallelism?: number;
  /** Kubernetes: failed pods allowed per index before that index fails (backoffLimitPerIndex). Default 2. */
  readonly retries?: number;
}

/** Where the plan folder is mounted in each pod. */
export const K8S_PLAN_MOUNT = '/plan';

/** Array elements for a plan: at most the task count. */
export function arraySizeFor(tasks: number, options: EmitOptions): number {
  return Math.max(1, Math.min(tasks, options.arraySize ?? 1000));
}

/** A Kubernetes object name (DNS-1123 label, ≤ 63 characters) for a plan's Job. */
export function jobName(experiment: string, hash: string): string {
  const slug = experiment.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'experiment';
  return `risklab-${slug.slice(0, 63 - 'risklab-'.length - hash.length - 1).replace(/-+$/, '')}-${hash}`;
}

/** Whole mebibytes, rounded up, at least 256 (Node itself and the models). */
function mebibytes(bytes: number): number {
  return Math.max(256, Math.ceil(bytes / 2 ** 20));
}

/** The task command of one array element. */
function taskCommand(plan: string, arraySize: number, tasks: number): string[] {
  return ['risklab', 'task', plan, ...(arraySize < tasks ? ['--stride', String(arraySize)] : [])];
}

/**
 * The Kubernetes Indexed Job of a plan, as a plain object (batch/v1 Job):
 * `completions` = array size, `completionMode: Indexed` (each pod gets
 * JOB_COMPLETION_INDEX), `restartPolicy: Never` with `backoffLimitPerIndex`
 * so one failing index is retried on its own, the plan's claim mounted at
 * /plan, and a memory request from the plan's estimate.
 */
export function k8sJob(input: EmitInput, options: EmitOptions = {}): Record<string, unknown> {
  const size = arraySizeFor(input.tasks, options);
  const memory = `${mebibytes(input.memoryBytes)}Mi`;
  const labels = { 'app.kubernetes.io/name': 'risklab', 'risklab/config-hash': input.configHash };
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: jobName(input.experiment, input.configHash), labels },
    spec: {
      completions: size,
      parallelism: Math.max(1, Math.min(size, options.parallelism ?? 10)),
      completionMode: 'Indexed',
      backoffLimitPerIndex: options.retries ?? 2,
      template: {
        metadata: { labels },
        spec: {
          restartPolicy: 'Never',
          containers: [
            {
              name: 'task',
              image: options.image ?? 'risklab:latest',
              command: taskCommand(K8S_PLAN_MOUNT, size, input.tasks),
              resources: { requests: { cpu: '1', memory }, limits: { memory } },
              volumeMounts: [{ name: 'plan', mountPath: K8S_PLAN_MOUNT }],
            },
          ],
          volumes: [{ name: 'plan', persistentVolumeClaim: { claimName: options.claim ?? 'risklab-plan' } }],
        },
      },
    },
  };
}

/** job.k8s.yaml's text. */
export function k8sJobYaml(input: EmitInput, options: EmitOptions = {}): string {
  const size = arraySizeFor(input.tasks, options);
  const head = [
    `# risklab plan ${input.experiment}, config ${input.configHash}: ${input.tasks} tasks as a Kubernetes Indexed Job of ${size} pods.`,
    `# The plan folder must be on the PersistentVolumeClaim "${options.claim ?? 'risklab-plan'}" (mounted at ${K8S_PLAN_MOUNT}).`,
    '# Apply with: kubectl apply -f job.k8s.yaml; when it completes: risklab gather <plan folder>',
  ];
  return `${head.join('\n')}\n${stringify(k8sJob(input, options), { aliasDuplicateObjects: false })}`;
}

/** A word safe in a POSIX shell: single-quoted unless plain. */
function shellWord(word: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * job.slurm.sh's text: a Slurm job array over the plan folder `planDir`
 * (an absolute path on the shared file system). `#SBATCH` lines set the
 * array, one CPU and the memory estimate per element, and a log per element
 * in `<plan>/logs/`.
 */
export function slurmScript(input: EmitInput, planDir: string, options: EmitOptions = {}): string {
  const size = arraySizeFor(input.tasks, options);
  const megabytes = Math.max(256, Math.ceil(input.memoryBytes / 1e6));
  return [
    '#!/bin/bash',
    `# risklab plan ${input.experiment}, config ${input.configHash}: ${input.tasks} tasks as a Slurm job array of ${size}.`,
    `# Submit with: sbatch ${shellWord(`${planDir}/job.slurm.sh`)}; when every element has finished: risklab gather ${shellWord(planDir)}`,
    `#SBATCH --job-name=${jobName(input.experiment, input.configHash)}`,
    `#SBATCH --array=0-${size - 1}`,
    '#SBATCH --cpus-per-task=1',
    `#SBATCH --mem=${megabytes}M`,
    `#SBATCH --output=${planDir}/logs/%A_%a.log`,
    'set -euo pipefail',
    '# The index comes from SLURM_ARRAY_TASK_ID.',
    `exec ${taskCommand(planDir, size, input.tasks).map(shellWord).join(' ')}`,
    '',
  ].join('\n');
}
