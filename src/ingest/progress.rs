//! How an update tells its progress, e.g. to draw a progress bar: ingest prints nothing.

/// Told how an update advances, e.g. to draw a progress bar (the index module prints nothing).
pub trait Progress: Sync {
    /// `documents` files holding `bytes` bytes are to be read (and indexed if they changed).
    fn start(&self, documents: usize, bytes: u64);
    /// One of them is done (queued for indexing, or found unchanged).
    fn advance(&self, bytes: u64);
    /// All are read; what remains is writing the index to disk.
    fn finish(&self);
}
