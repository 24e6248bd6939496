package dev.packload.loader.pipeline;

import dev.packload.formats.sql.InsertHeader;
import dev.packload.loader.report.LoadStats;
import dev.packload.loader.report.RejectFile;
import dev.packload.loader.write.RecordingSession;
import dev.packload.loader.write.SqlSession;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Rows {@code (1,'v'), (2,'v'), ...} loaded through the real pipeline into one {@link RecordingSession} (one writer, no
 * server): what was sent, refused, rejected, and the ranges each commit recorded.
 */
record RecordedLoad(RecordingSession session, LoadStats stats, RunState.Failure failure,
                    List<List<BatchLog.Range>> commits, String rejects) {

    static RecordedLoad of(RecordingSession session, WriterOptions options, int rows) throws Exception {
        Path rejectPath = Files.createTempFile("rejects", ".sql");
        List<List<BatchLog.Range>> commits = Collections.synchronizedList(new ArrayList<>());
        LoadStats stats = new LoadStats();
        RejectFile rejects = new RejectFile(rejectPath);
        LoadPipeline p = new LoadPipeline(new ArrayList<SqlSession>(List.of(session)), options, 64, 1 << 20, stats,
                rejects, (writer, ranges) -> commits.add(List.copyOf(ranges)));
        RowPublisher pub = p.publisher();
        pub.beginSource(new SourceRef(0, "generated"));
        TableRef t = pub.table("db", "t", List.of("id", "v"), InsertHeader.Verb.INSERT);
        for (int i = 1; i <= rows; i++) {
            byte[] b = ("(" + i + ",'v')").getBytes(StandardCharsets.US_ASCII);
            pub.row(t, b, 0, b.length, i, 0, false);
        }
        p.finish();
        rejects.close();
        String text = Files.readString(rejectPath);
        Files.deleteIfExists(rejectPath);
        return new RecordedLoad(session, stats, p.state().failure(), List.copyOf(commits), text);
    }
}
