#!/usr/bin/env python3
"""Run `newsdigest batch` over a JSON Lines corpus on Apache Spark.

Usage:
    spark-submit scripts/spark_digest.py --input IN --output OUT_DIR \\
        [--master URL] [--binary PATH] [--ship] [--partitions N] \\
        [--compression gzip|bzip2] -- [newsdigest batch flags]
    python3 scripts/spark_digest.py ...   (with pyspark installed; local[*]
                                           unless --master or spark-submit says)

IN is anything Spark's textFile reads (a file, a folder, a glob; local, HDFS,
S3 through the Hadoop configuration). Spark's text reader decodes UTF-8 with
replacement: a line that is not UTF-8 reaches newsdigest with U+FFFD in place
of the bad bytes, not as an `invalid_utf8` error line. --whole-files reads
the bytes as they are (one task per file, so meant for shard files that fit
a task's memory). OUT_DIR receives JSONL part files:
part-00000, part-00001, ... read in name order are the output of one
`newsdigest batch` run over IN read in Spark's order, byte for byte.

Each partition feeds one long-lived `newsdigest batch --input - --output -`
process (the model loads once per partition, not once per record) and reads
back exactly one line per input line; anything else (the process dying,
too few or too many lines, an exit status other than 0 or 3) fails the task,
and Spark retries it. Records are deterministic, so a retried task writes
the same lines, and only the successful attempt's part file is committed.

Line numbers are global: lines are numbered with zipWithIndex before the
processes see them, and the per-process numbers newsdigest writes (`line` of
an error line, and the `id` of a record that has none) are rewritten to the
1-based position of the line in the whole input.

Threads: each process gets `--threads` = spark.task.cpus (unless the flags
set --threads), which sizes both its analysis pool (unless the flags set
--jobs) and libtorch's threads, so a task never runs more threads than Spark
gave it. An executor without a cpuset or quota per task shows each process
all its cores, so the default of --threads would be too many.
OMP_NUM_THREADS/MKL_NUM_THREADS = spark.task.cpus as well, for the libraries
libtorch's kernels call.

The binary and the model folder reach the executors either as paths present
on every node (--binary PATH, --model-dir DIR), or with --ship: the driver
adds the binary and the --model-dir folder with SparkContext.addFile and each
task uses its SparkFiles copy. See docs/scale-out.md.

Exit status: 0 every record succeeded, 3 some records are error lines (as
`newsdigest batch`), 4 the job failed, 2 usage errors.
"""

import argparse
import json
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DOC_PREFIX = '{"schema":"newsdigest/1","id":'
ERROR_PREFIX = '{"id":'
# Flags the wrapper sets itself: the process reads and writes pipes.
RESERVED = ("--input", "--output", "--resume")
EXIT_RECORDS_FAILED = 3
EXIT_JOB_FAILED = 4


def parse_args(argv):
    if "--" in argv:
        cut = argv.index("--")
        own, batch_flags = argv[:cut], argv[cut + 1:]
    else:
        own, batch_flags = argv, []
    p = argparse.ArgumentParser(
        prog="spark_digest.py",
        description="Run `newsdigest batch` over JSON Lines on Apache Spark; "
        "flags after `--` go to `newsdigest batch`.")
    p.add_argument("--input", required=True, help="JSONL path, folder or glob Spark can read")
    p.add_argument("--output", required=True, help="output folder (must not exist)")
    p.add_argument("--master", help="Spark master URL (default: spark-submit's, else local[*])")
    p.add_argument("--binary", help="newsdigest binary: a path valid on every node, or with "
                   "--ship a driver path (default: target/release/newsdigest of this "
                   "repository when built, else `newsdigest` on PATH)")
    p.add_argument("--ship", action="store_true",
                   help="send the binary and the --model-dir folder to the executors "
                   "with SparkContext.addFile")
    p.add_argument("--partitions", type=int, default=0,
                   help="at least this many tasks (default: Spark's splits of the input)")
    p.add_argument("--whole-files", action="store_true",
                   help="read each input file whole, as bytes (SparkContext.binaryFiles; "
                   ".gz decompressed): lines that are not UTF-8 reach newsdigest as they "
                   "are, but a file is no longer split between tasks")
    p.add_argument("--compression", choices=["gzip", "bzip2"],
                   help="compress the part files")
    p.add_argument("--app-name", default="newsdigest-batch")
    # For the retry test: the first attempt of this partition kills its
    # newsdigest process before the end of its input, as a lost process on a
    # node would.
    p.add_argument("--kill-once", type=int, metavar="PARTITION", help=argparse.SUPPRESS)
    args = p.parse_args(own)
    for flag in batch_flags:
        if flag.split("=", 1)[0] in RESERVED:
            p.error(f"{flag} is set by spark_digest.py (partitions are piped); remove it")
    if args.partitions < 0:
        p.error("--partitions must be 0 or more")
    args.batch_flags = batch_flags
    return args


def model_dir_flag(flags):
    """The index of the --model-dir value in flags, and the value."""
    for i, flag in enumerate(flags):
        if flag == "--model-dir" and i + 1 < len(flags):
            return i + 1, flags[i + 1]
        if flag.startswith("--model-dir="):
            return i, flag.split("=", 1)[1]
    return None, None


def file_lines(item):
    """The lines of one (path, bytes) file of binaryFiles, without their \n,
    as `newsdigest batch` reads them (a last line without \n counts)."""
    path, data = item
    if path.endswith(".gz"):
        import gzip
        data = gzip.decompress(data)
    lines = data.split(b"\n")
    if lines[-1] == b"":
        lines.pop()
    return lines


def default_binary():
    built = os.path.join(REPO, "target", "release", "newsdigest")
    return built if os.path.exists(built) else "newsdigest"


def lacks_id(line):
    """Whether an input line is an object with no id (or a null one): the
    records to which newsdigest gives the line number as id."""
    try:
        obj = json.loads(line)
    except ValueError:
        return False
    return isinstance(obj, dict) and obj.get("id") is None


def globalize(out, local, number, line, decoder):
    """The output line `out` of input line `line`, which was line `local` of
    its process and is line `number` of the whole input, with the process's
    line numbers made global."""
    local_id = f'"{local}"'
    if out.startswith(DOC_PREFIX):
        at = len(DOC_PREFIX)
        _, end = decoder.raw_decode(out, at)
        if out[at:end] == local_id and lacks_id(line):
            return f'{out[:at]}"{number}"{out[end:]}'
        return out
    if out.startswith(ERROR_PREFIX):
        at = len(ERROR_PREFIX)
        _, end = decoder.raw_decode(out, at)
        line_field = f',"line":{local},'
        if not out.startswith(line_field, end):
            raise RuntimeError(f"error line without line {local}: {out[:200]}")
        raw_id = out[at:end]
        if raw_id == local_id and lacks_id(line):
            raw_id = f'"{number}"'
        return f'{ERROR_PREFIX}{raw_id},"line":{number},{out[end + len(line_field):]}'
    raise RuntimeError(f"not a newsdigest batch output line: {out[:200]}")


def run_partition(index, items, cfg, ok_count, failed_count):
    """Pipe one partition's (line, 0-based global index) pairs through a
    `newsdigest batch` process; yields the output lines in input order."""
    from pyspark import SparkFiles, TaskContext

    binary = cfg["binary"]
    flags = list(cfg["flags"])
    if cfg["ship"]:
        binary = SparkFiles.get(os.path.basename(binary))
        if not os.access(binary, os.X_OK):
            os.chmod(binary, 0o755)
        at, model = model_dir_flag(flags)
        if model is not None:
            local_model = SparkFiles.get(os.path.basename(os.path.normpath(model)))
            flags[at] = local_model if flags[at] == model else f"--model-dir={local_model}"
    threads = str(cfg["task_cpus"])
    if not any(f == "--threads" or f.startswith("--threads=") for f in flags):
        flags = ["--threads", threads] + flags
    env = dict(os.environ, OMP_NUM_THREADS=threads, MKL_NUM_THREADS=threads)
    cmd = [binary, "batch", "--quiet", "--input", "-", "--output", "-"] + flags
    ctx = TaskContext.get()
    kill = cfg["kill_once"] == index and ctx is not None and ctx.attemptNumber() == 0
    first_out = threading.Event()

    decoder = json.JSONDecoder()
    stderr = tempfile.TemporaryFile()
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=stderr, env=env)
    # Lines in flight: what the k-th output line answers. Filled before the
    # line is written, so the reader always finds its entry.
    pending = queue.Queue()
    END = object()
    fed = [0]
    # An error reading the partition's input: the process then sees the end
    # of its input early and would end well, short of records.
    feed_error = []

    def feed():
        try:
            for local, (line, g) in enumerate(items, 1):
                pending.put((local, g + 1, line))
                data = line if isinstance(line, bytes) else line.encode("utf-8")
                proc.stdin.write(data + b"\n")
                fed[0] = local
            if kill:
                # Killed while it still waits for the end of its input, so it
                # cannot have finished; once it has answered a line if it does
                # within 10 s, so that the failed attempt leaves partial output.
                first_out.wait(10)
                proc.kill()
                return
            proc.stdin.close()
        except (BrokenPipeError, ValueError, OSError):
            pass  # the process ended early: the reader reports it
        except BaseException as e:
            feed_error.append(e)
            try:
                proc.stdin.close()
            except OSError:
                pass
        finally:
            pending.put(END)

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    written = 0
    try:
        for raw in proc.stdout:
            if not raw.endswith(b"\n"):
                break  # a torn last line: the process died writing it
            entry = pending.get()
            if entry is END:
                raise RuntimeError(f"newsdigest batch wrote more lines than it read ({fed[0]})")
            local, number, line = entry
            out = globalize(raw.decode("utf-8").rstrip("\n"), local, number, line, decoder)
            if out.startswith(DOC_PREFIX):
                ok_count.add(1)
            else:
                failed_count.add(1)
            written += 1
            first_out.set()
            yield out
        rc = proc.wait()
        writer.join()
        if feed_error:
            raise RuntimeError(f"partition {index}: reading the input failed: {feed_error[0]!r}")
        entry = pending.get()
        if entry is not END or rc not in (0, EXIT_RECORDS_FAILED):
            stderr.seek(0)
            tail = stderr.read()[-2000:].decode("utf-8", "replace").strip()
            status = f"signal {-rc}" if rc < 0 else f"exit status {rc}"
            raise RuntimeError(
                f"partition {index}: newsdigest batch ended ({status}) after answering "
                f"{written} of the {fed[0]} lines given so far: {tail or 'no message'}")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        stderr.close()


def main(argv):
    args = parse_args(argv)
    try:
        from pyspark import SparkConf, SparkContext
    except ImportError:
        sys.stderr.write("spark_digest: no pyspark in this Python: run it with spark-submit, "
                         "or `make spark-venv` and .venv-spark/bin/python "
                         "(pip install -r scripts/requirements-spark.txt)\n")
        return EXIT_JOB_FAILED

    conf = SparkConf().setAppName(args.app_name)
    if not conf.contains("spark.ui.showConsoleProgress"):
        conf.set("spark.ui.showConsoleProgress", "false")
    if args.master:
        conf.setMaster(args.master)
    elif not conf.contains("spark.master"):
        conf.setMaster("local[*]")
    binary = args.binary or default_binary()
    if args.ship or os.sep in binary:
        binary = os.path.abspath(binary)
        if not os.access(binary, os.X_OK):
            sys.stderr.write(f"spark_digest: {binary} is not an executable file\n")
            return EXIT_JOB_FAILED
    elif shutil.which(binary) is None:
        # Executors may have it even though the driver does not: a warning only.
        sys.stderr.write(f"spark_digest: warning: no {binary} on the driver's PATH\n")
    _, model = model_dir_flag(args.batch_flags)
    if args.ship and model is not None and not os.path.isdir(model):
        sys.stderr.write(f"spark_digest: --model-dir {model} is not a folder\n")
        return EXIT_JOB_FAILED

    sc = SparkContext(conf=conf)
    try:
        start = time.monotonic()
        if args.ship:
            sc.addFile(binary)
            if model is not None:
                sc.addFile(os.path.abspath(model), recursive=True)
        cfg = {
            "binary": binary,
            "flags": args.batch_flags,
            "ship": args.ship,
            "task_cpus": int(sc.getConf().get("spark.task.cpus", "1")),
            "kill_once": args.kill_once,
        }
        if args.whole_files:
            lines = sc.binaryFiles(args.input, minPartitions=args.partitions or None) \
                .flatMap(file_lines)
        else:
            # Lines end at \n only, as newsdigest reads them: Hadoop's
            # default also ends them at a lone \r, which JSON allows between
            # tokens, and would split such a record in two.
            sc._jsc.hadoopConfiguration().set("textinputformat.record.delimiter", "\n")
            lines = sc.textFile(args.input, minPartitions=args.partitions or None)
        # The global number of each line, before any repartitioning.
        indexed = lines.zipWithIndex()
        if args.partitions and indexed.getNumPartitions() < args.partitions:
            # Contiguous ranges of lines, sorted within each, so that the part
            # files stay in input order.
            n = args.partitions
            total = max(indexed.count(), 1)
            indexed = (indexed.map(lambda t: (t[1], t[0]))
                       .repartitionAndSortWithinPartitions(n, lambda i: i * n // total)
                       .map(lambda t: (t[1], t[0])))
        ok = sc.accumulator(0)
        failed = sc.accumulator(0)
        out = indexed.mapPartitionsWithIndex(
            lambda i, it: run_partition(i, it, cfg, ok, failed), preservesPartitioning=True)
        codec = {
            "gzip": "org.apache.hadoop.io.compress.GzipCodec",
            "bzip2": "org.apache.hadoop.io.compress.BZip2Codec",
        }.get(args.compression)
        out.saveAsTextFile(args.output, compressionCodecClass=codec)
        secs = time.monotonic() - start
    except Exception as e:  # py4j and Spark errors: one line, exit 4
        # The cause is deep in a Java stack trace: the task's own error when
        # there is one, else Spark's reason, else the first line.
        lines = [l.strip() for l in str(e).splitlines() if l.strip()]
        reason = next((l for l in lines if l.startswith("RuntimeError: ")), None) \
            or next((l for l in lines if "Job aborted" in l), None) \
            or (lines[0] if lines else type(e).__name__)
        sys.stderr.write(f"spark_digest: job failed: {reason}\n")
        return EXIT_JOB_FAILED
    finally:
        sc.stop()
    records = ok.value + failed.value
    sys.stderr.write(
        f"spark_digest: {records} records: {ok.value} ok, {failed.value} failed, in "
        f"{secs:.1f} s ({records / max(secs, 1e-9):.1f} articles/s), "
        f"{out.getNumPartitions()} partitions; output in {args.output}\n")
    return EXIT_RECORDS_FAILED if failed.value else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
