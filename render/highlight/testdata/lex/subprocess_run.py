import subprocess
import shlex
from pathlib import Path
from typing import Optional, List

CMD = ["sh", "-c", 'echo "$0: $1" >&2; exit 3', "prog", "arg"]


def run(cmd: List[str], timeout: Optional[float] = 2.5) -> subprocess.CompletedProcess:
    """Run cmd, capturing both streams."""
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired as exc:
        raise RuntimeError(f"timed out after {exc.timeout}s") from exc
    except (FileNotFoundError, PermissionError) as err:
        print("cannot run", shlex.join(cmd), err, file=sys.stderr)
        raise
    finally:
        pass
    return proc


p = run(CMD)
assert p.returncode == 3, p.returncode
print(p.stderr.strip())
with subprocess.Popen(["cat"], stdin=subprocess.PIPE, stdout=subprocess.PIPE) as child:
    out, _ = child.communicate(input=b"ping\n")
    print(out.decode().upper(), end="")
lines = [l for l in Path("/etc/hostname").read_text().splitlines() if l and not l.startswith('#')]
print(len(lines) >= 0, sorted({1, 2, 3}), dict(a=1, **{"b": 2}))
