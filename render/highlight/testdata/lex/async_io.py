import asyncio
import sys


async def produce(queue: asyncio.Queue, n: int) -> None:
    for i in range(n):
        await queue.put(i)
        await asyncio.sleep(0)
    await queue.put(None)


async def consume(queue):
    total = 0
    while (item := await queue.get()) is not None:
        total += item
    return total


async def run_child():
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-c", "print('hi from', __import__('os').getpid())",
        stdout=asyncio.subprocess.PIPE,
    )
    stdout, _ = await proc.communicate()
    return stdout.decode().rstrip('\n')


async def main():
    q = asyncio.Queue(maxsize=4)
    _, total = await asyncio.gather(produce(q, 10), consume(q))
    async with asyncio.timeout(5):
        line = await run_child()
    async for _ in aiter_range(3):
        pass
    print(f"{total=}", f'{line[:8]!s:>12}', f"{'nested'}", f"{{literal}} {total:,d}")


async def aiter_range(n):
    for i in range(n):
        yield i


if __name__ == '__main__':
    asyncio.run(main())
