"""The CPython side of PythonWorkerExample: a manager serving a queue of tasks and a queue of
results, and a worker that takes words from the one and puts what it makes of them on the other.

Run by the example as `python3 word_worker.py KEY`; it prints the manager's port, then works
until it takes "STOP".
"""
import queue
import sys
from multiprocessing.managers import BaseManager

tasks, results = queue.Queue(), queue.Queue()


class WorkManager(BaseManager):
    pass


def get_tasks():
    return tasks


def get_results():
    return results


# functions, not lambdas: where the manager's process is spawned, its registry is pickled
WorkManager.register("tasks", callable=get_tasks)
WorkManager.register("results", callable=get_results)

if __name__ == "__main__":
    manager = WorkManager(("127.0.0.1", 0), authkey=sys.argv[1].encode())
    manager.start()
    print(manager.address[1], flush=True)
    todo, done = manager.tasks(), manager.results()
    while (word := todo.get()) != "STOP":
        done.put((word, len(word), word[::-1].upper()))
    manager.shutdown()
