"""Grade a class on a Slurm cluster: Dask workers as Slurm jobs (dask-jobqueue's SLURMCluster).

    .venv/bin/python examples/slurm_grade.py SUBMISSIONS/ [--out grades] [--cpu-jobs 4] [--gpu-jobs 1]
        [--partition cpu] [--gpu-partition gpu] [--account ACCOUNT] [--walltime 02:00:00]
        [--print-job-scripts] [-- any other `autograder grade` flag, e.g. --only cifar10 --device cuda]

Run it on the login node from the kit's folder, which every compute node sees at the same path
after the same `make setup` (a shared home or project folder). Grading itself shares no files:
each student's files travel inside the Dask task and the result comes back in the reply.

The Dask scheduler runs in this process. Each Slurm job is one Dask worker with one thread (so one
judge): ``--cpu-jobs`` CPU jobs, and ``--gpu-jobs`` jobs with ``--gres=gpu:1`` whose workers start
with ``--resources GPU=1``, so that they alone take the GPU exercises. Then the script runs
``autograder grade SUBMISSIONS --cluster <this scheduler>`` and cancels the jobs when it ends.
``--print-job-scripts`` prints both sbatch scripts and submits nothing. Adapt partitions, memory and
walltime to your site (or set them in ~/.config/dask/jobqueue.yaml).
"""
from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

KIT = Path(__file__).resolve().parents[1]
PYTHON = KIT / ".venv" / "bin" / "python"


def make_cluster(args):
    """A SLURMCluster of CPU jobs, and the options of its GPU jobs (the same job class)."""
    import dask
    from dask_jobqueue import SLURMCluster

    # Tasks wait on the scheduler rather than queued on a worker: a lost worker takes only the
    # student it was grading along (the scheduler gives that student to another worker).
    dask.config.set({"distributed.scheduler.worker-saturation": 1.0})
    cluster = SLURMCluster(queue=args.partition, account=args.account, cores=1, processes=1, memory=args.memory,
                           walltime=args.walltime, python=str(PYTHON), job_name="grade-cpu",
                           local_directory="$TMPDIR", log_directory=str(Path(args.out).resolve() / "slurm-logs"),
                           job_script_prologue=[f"cd {KIT}"])
    gpu = {**cluster.new_spec["options"], "queue": args.gpu_partition or args.partition, "job_name": "grade-gpu",
           "job_extra_directives": ["--gres=gpu:1"], "worker_extra_args": ["--resources", "GPU=1"]}
    return cluster, gpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("submissions")
    parser.add_argument("--out", default="grades")
    parser.add_argument("--cpu-jobs", type=int, default=4, help="Slurm jobs of one CPU worker each")
    parser.add_argument("--gpu-jobs", type=int, default=1,
                        help="Slurm jobs of one GPU worker each (0: GPU exercises stay pending)")
    parser.add_argument("--partition", default=None, help="the CPU jobs' partition (sbatch -p)")
    parser.add_argument("--gpu-partition", default=None, help="the GPU jobs' partition (default: --partition)")
    parser.add_argument("--account", default=None)
    parser.add_argument("--memory", default="8GB", help="per job (the judge, its jail and the data sets)")
    parser.add_argument("--walltime", default="02:00:00")
    parser.add_argument("--print-job-scripts", action="store_true", help="print the sbatch scripts, submit nothing")
    args, grade_args = parser.parse_known_args()
    grade_args = [a for a in grade_args if a != "--"]

    cluster, gpu = make_cluster(args)
    with cluster:
        job_cls = cluster.new_spec["cls"]
        if args.print_job_scripts:
            print("# CPU worker job\n" + cluster.job_script())
            print("# GPU worker job\n" + job_cls(cluster.scheduler_address, name="grade-gpu-0", **gpu).job_script())
            return 0
        cluster.scale(jobs=args.cpu_jobs)
        for i in range(args.gpu_jobs):   # the same scheduler; the cluster submits and cancels these jobs too
            cluster.worker_spec[f"grade-gpu-{i}"] = {"cls": job_cls, "options": gpu}
        cluster.scale(jobs=args.cpu_jobs + args.gpu_jobs)
        print(f"scheduler {cluster.scheduler_address}: {args.cpu_jobs} CPU and {args.gpu_jobs} GPU jobs submitted",
              flush=True)
        return subprocess.call([str(PYTHON), "-m", "autograder", "grade", args.submissions, "--out", args.out,
                                "--cluster", cluster.scheduler_address, *grade_args], cwd=KIT)


if __name__ == "__main__":
    sys.exit(main())
