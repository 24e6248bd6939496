package dev.packload.loader.cli.optionfile;

/** An option file that cannot be used: the message names the file and, where there is one, the line. */
public final class OptionFileException extends RuntimeException {

    public OptionFileException(String message) {
        super(message);
    }

    public OptionFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
