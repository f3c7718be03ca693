package dev.anneal.train.progress;

/** Where long work reports how far it has come; a console bar for people, silence for tests. */
public interface Progress {

    /** Starts a task of {@code total} steps (or -1 when unknown). */
    Task start(String name, long total);

    /** One running task. */
    interface Task extends AutoCloseable {

        /** Moves to step {@code current}, with a short status such as the validation loss. */
        void update(long current, String status);

        @Override
        void close();
    }

    /** Reports nothing. */
    Progress SILENT = (name, total) -> new Task() {
        @Override
        public void update(long current, String status) {
        }

        @Override
        public void close() {
        }
    };
}
