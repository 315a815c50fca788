package dev.gitops.api.template.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Go text/template lexer, transcribed state by state from Go's {@code text/template/parse/lex.go} so that trim
 * markers, comments and token boundaries behave identically. The whole input is tokenised eagerly.
 */
public final class Lexer {

    /** Token types, as in Go. */
    public enum Type {
        ERROR, BOOL, CHAR, CHAR_CONSTANT, COMMENT, COMPLEX, ASSIGN, DECLARE, EOF, FIELD, IDENTIFIER, LEFT_DELIM,
        LEFT_PAREN, NUMBER, PIPE, RAW_STRING, RIGHT_DELIM, RIGHT_PAREN, SPACE, STRING, TEXT, VARIABLE,
        // keywords
        BLOCK, BREAK, CONTINUE, DOT, DEFINE, ELSE, END, IF, NIL, RANGE, TEMPLATE, WITH
    }

    /** One token: type, start offset in the input, value, 1-based line. */
    public record Item(Type type, int pos, String val, int line) {
        @Override
        public String toString() {
            switch (type) {
                case EOF:
                    return "EOF";
                case ERROR:
                    return val;
                default:
                    break;
            }
            if (type.ordinal() >= Type.BLOCK.ordinal()) {
                return "<" + val + ">";
            }
            if (val.length() > 10) {
                return GoStrings.quote(val.substring(0, 10)) + "...";
            }
            return GoStrings.quote(val);
        }
    }

    private static final Map<String, Type> KEYWORDS = Map.ofEntries(
            Map.entry(".", Type.DOT), Map.entry("block", Type.BLOCK), Map.entry("break", Type.BREAK),
            Map.entry("continue", Type.CONTINUE), Map.entry("define", Type.DEFINE), Map.entry("else", Type.ELSE),
            Map.entry("end", Type.END), Map.entry("if", Type.IF), Map.entry("range", Type.RANGE),
            Map.entry("nil", Type.NIL), Map.entry("template", Type.TEMPLATE), Map.entry("with", Type.WITH));

    private static final int EOF_CHAR = -1;

    private final String input;
    private final String leftDelim;
    private final String rightDelim;
    private final boolean breakOk;
    private final boolean continueOk;
    private final List<Item> items = new ArrayList<>();
    private int pos;
    private int start;
    private int line = 1;
    private int startLine = 1;
    private int parenDepth;

    private Lexer(String input, String left, String right, boolean breakOk, boolean continueOk) {
        this.input = input;
        this.leftDelim = left;
        this.rightDelim = right;
        this.breakOk = breakOk;
        this.continueOk = continueOk;
    }

    /** Tokenises the whole input; the list ends with an EOF or ERROR item. */
    public static List<Item> lex(String input, String left, String right, boolean breakOk, boolean continueOk) {
        Lexer l = new Lexer(input, left, right, breakOk, continueOk);
        l.run();
        return l.items;
    }

    private interface State {
        State next();
    }

    private void run() {
        State s = this::lexText;
        while (s != null) {
            s = s.next();
        }
    }

    private int nextChar() {
        if (pos >= input.length()) {
            return EOF_CHAR;
        }
        int r = input.codePointAt(pos);
        pos += Character.charCount(r);
        if (r == '\n') {
            line++;
        }
        return r;
    }

    private int peek() {
        if (pos >= input.length()) {
            return EOF_CHAR;
        }
        return input.codePointAt(pos);
    }

    private void backup() {
        if (pos > 0) {
            int r = input.codePointBefore(pos);
            pos -= Character.charCount(r);
            if (r == '\n') {
                line--;
            }
        }
    }

    private Item thisItem(Type t) {
        Item i = new Item(t, start, input.substring(start, pos), startLine);
        start = pos;
        startLine = line;
        return i;
    }

    private State emit(Type t) {
        items.add(thisItem(t));
        return this::lexInsideAction;
    }

    private State emitItem(Item i, State next) {
        items.add(i);
        return next;
    }

    private void ignore() {
        for (int i = start; i < pos; i++) {
            if (input.charAt(i) == '\n') {
                startLine++;
            }
        }
        // keep line consistent with pos: recompute from startLine since ignore() may follow manual pos moves
        line = startLine;
        start = pos;
    }

    private boolean accept(String valid) {
        int r = nextChar();
        if (r != EOF_CHAR && valid.indexOf(r) >= 0) {
            return true;
        }
        if (r != EOF_CHAR) {
            backup();
        }
        return false;
    }

    private void acceptRun(String valid) {
        int r;
        while ((r = nextChar()) != EOF_CHAR && valid.indexOf(r) >= 0) {
            // absorb
        }
        if (r != EOF_CHAR) {
            backup();
        }
    }

    private State errorf(String msg) {
        items.add(new Item(Type.ERROR, start, msg, startLine));
        return null;
    }

    static boolean isSpace(int r) {
        return r == ' ' || r == '\t' || r == '\r' || r == '\n';
    }

    static boolean isAlphaNumeric(int r) {
        return r == '_' || Character.isLetter(r) || Character.isDigit(r);
    }

    private boolean hasLeftTrimMarker(int at) {
        return at + 1 < input.length() && input.charAt(at) == '-' && isSpace(input.charAt(at + 1));
    }

    private boolean hasRightTrimMarker(int at) {
        return at + 1 < input.length() && isSpace(input.charAt(at)) && input.charAt(at + 1) == '-';
    }

    private static int rightTrimLength(String s, int from, int to) {
        int n = to;
        while (n > from && isSpace(s.charAt(n - 1))) {
            n--;
        }
        return to - n;
    }

    private int leftTrimLength(int at) {
        int n = at;
        while (n < input.length() && isSpace(input.charAt(n))) {
            n++;
        }
        return n - at;
    }

    private void setPos(int newPos) {
        // moves pos while keeping the line counter right
        if (newPos > pos) {
            for (int i = pos; i < newPos; i++) {
                if (input.charAt(i) == '\n') {
                    line++;
                }
            }
        } else {
            for (int i = newPos; i < pos; i++) {
                if (input.charAt(i) == '\n') {
                    line--;
                }
            }
        }
        pos = newPos;
    }

    private State lexText() {
        int x = input.indexOf(leftDelim, pos);
        if (x >= 0) {
            if (x > pos) {
                setPos(x);
                int trimLength = 0;
                int delimEnd = pos + leftDelim.length();
                if (hasLeftTrimMarker(delimEnd)) {
                    trimLength = rightTrimLength(input, start, pos);
                }
                setPos(pos - trimLength);
                Item i = thisItem(Type.TEXT);
                setPos(pos + trimLength);
                ignore();
                if (!i.val().isEmpty()) {
                    items.add(i);
                }
            }
            return this::lexLeftDelim;
        }
        setPos(input.length());
        if (pos > start) {
            items.add(thisItem(Type.TEXT));
        }
        items.add(thisItem(Type.EOF));
        return null;
    }

    private State lexLeftDelim() {
        setPos(pos + leftDelim.length());
        boolean trimSpace = hasLeftTrimMarker(pos);
        int afterMarker = trimSpace ? 2 : 0;
        if (input.startsWith("/*", pos + afterMarker)) {
            setPos(pos + afterMarker);
            ignore();
            return this::lexComment;
        }
        Item i = thisItem(Type.LEFT_DELIM);
        setPos(pos + afterMarker);
        ignore();
        parenDepth = 0;
        return emitItem(i, this::lexInsideAction);
    }

    private State lexComment() {
        setPos(pos + 2);
        int x = input.indexOf("*/", pos);
        if (x < 0) {
            return errorf("unclosed comment");
        }
        setPos(x + 2);
        int delim = atRightDelim();
        if (delim == 0) {
            return errorf("comment ends before closing delimiter");
        }
        thisItem(Type.COMMENT);
        if (delim == 2) {
            setPos(pos + 2);
        }
        setPos(pos + rightDelim.length());
        if (delim == 2) {
            setPos(pos + leftTrimLength(pos));
        }
        ignore();
        return this::lexText;
    }

    /** 0: not at right delimiter; 1: at it; 2: at it with a trim marker. */
    private int atRightDelim() {
        if (hasRightTrimMarker(pos) && input.startsWith(rightDelim, pos + 2)) {
            return 2;
        }
        if (input.startsWith(rightDelim, pos)) {
            return 1;
        }
        return 0;
    }

    private State lexRightDelim() {
        boolean trimSpace = atRightDelim() == 2;
        if (trimSpace) {
            setPos(pos + 2);
            ignore();
        }
        setPos(pos + rightDelim.length());
        Item i = thisItem(Type.RIGHT_DELIM);
        if (trimSpace) {
            setPos(pos + leftTrimLength(pos));
            ignore();
        }
        return emitItem(i, this::lexText);
    }

    private State lexInsideAction() {
        int delim = atRightDelim();
        if (delim != 0) {
            if (parenDepth == 0) {
                return this::lexRightDelim;
            }
            return errorf("unclosed left paren");
        }
        int r = nextChar();
        if (r == EOF_CHAR) {
            return errorf("unclosed action");
        } else if (isSpace(r)) {
            backup();
            return this::lexSpace;
        } else if (r == '=') {
            return emit(Type.ASSIGN);
        } else if (r == ':') {
            if (nextChar() != '=') {
                return errorf("expected :=");
            }
            return emit(Type.DECLARE);
        } else if (r == '|') {
            return emit(Type.PIPE);
        } else if (r == '"') {
            return this::lexQuote;
        } else if (r == '`') {
            return this::lexRawQuote;
        } else if (r == '$') {
            return () -> lexFieldOrVariable(Type.VARIABLE);
        } else if (r == '\'') {
            return this::lexChar;
        } else if (r == '.') {
            if (pos < input.length()) {
                char c = input.charAt(pos);
                if (c < '0' || '9' < c) {
                    return () -> lexFieldOrVariable(Type.FIELD);
                }
            }
            backup();
            return this::lexNumber;
        } else if (r == '+' || r == '-' || ('0' <= r && r <= '9')) {
            backup();
            return this::lexNumber;
        } else if (isAlphaNumeric(r)) {
            backup();
            return this::lexIdentifier;
        } else if (r == '(') {
            emit(Type.LEFT_PAREN);
            parenDepth++;
        } else if (r == ')') {
            emit(Type.RIGHT_PAREN);
            parenDepth--;
            if (parenDepth < 0) {
                return errorf("unexpected right paren");
            }
        } else if (r <= 127 && r >= 0x20 && r != 0x7f) {
            return emit(Type.CHAR);
        } else {
            return errorf("unrecognized character in action: " + GoStrings.formatRune(r));
        }
        return this::lexInsideAction;
    }

    private State lexSpace() {
        int numSpaces = 0;
        while (isSpace(peek())) {
            nextChar();
            numSpaces++;
        }
        if (hasRightTrimMarker(pos - 1) && input.startsWith(rightDelim, pos - 1 + 2)) {
            backup();
            if (numSpaces == 1) {
                return this::lexRightDelim;
            }
        }
        return emit(Type.SPACE);
    }

    private State lexIdentifier() {
        while (true) {
            int r = nextChar();
            if (isAlphaNumeric(r)) {
                continue;
            }
            if (r != EOF_CHAR) {
                backup();
            }
            String word = input.substring(start, pos);
            if (!atTerminator()) {
                return errorf("bad character " + GoStrings.formatRune(r));
            }
            Type kw = KEYWORDS.get(word);
            if (kw != null && kw != Type.DOT) {
                if ((kw == Type.BREAK && !breakOk) || (kw == Type.CONTINUE && !continueOk)) {
                    return emit(Type.IDENTIFIER);
                }
                return emit(kw);
            }
            if (word.equals("true") || word.equals("false")) {
                return emit(Type.BOOL);
            }
            return emit(Type.IDENTIFIER);
        }
    }

    private State lexFieldOrVariable(Type typ) {
        if (atTerminator()) {
            if (typ == Type.VARIABLE) {
                return emit(Type.VARIABLE);
            }
            return emit(Type.DOT);
        }
        int r;
        while (true) {
            r = nextChar();
            if (!isAlphaNumeric(r)) {
                if (r != EOF_CHAR) {
                    backup();
                }
                break;
            }
        }
        if (!atTerminator()) {
            return errorf("bad character " + GoStrings.formatRune(r));
        }
        return emit(typ);
    }

    private boolean atTerminator() {
        int r = peek();
        if (isSpace(r)) {
            return true;
        }
        switch (r) {
            case EOF_CHAR:
            case '.':
            case ',':
            case '|':
            case ':':
            case ')':
            case '(':
                return true;
            default:
                return input.startsWith(rightDelim, pos);
        }
    }

    private State lexChar() {
        while (true) {
            int r = nextChar();
            if (r == '\\') {
                r = nextChar();
                if (r != EOF_CHAR && r != '\n') {
                    continue;
                }
            }
            if (r == EOF_CHAR || r == '\n') {
                return errorf("unterminated character constant");
            }
            if (r == '\'') {
                break;
            }
        }
        return emit(Type.CHAR_CONSTANT);
    }

    private State lexNumber() {
        if (!scanNumber()) {
            return errorf("bad number syntax: " + GoStrings.quote(input.substring(start, pos)));
        }
        int sign = peek();
        if (sign == '+' || sign == '-') {
            if (!scanNumber() || input.charAt(pos - 1) != 'i') {
                return errorf("bad number syntax: " + GoStrings.quote(input.substring(start, pos)));
            }
            return emit(Type.COMPLEX);
        }
        return emit(Type.NUMBER);
    }

    private boolean scanNumber() {
        accept("+-");
        String digits = "0123456789_";
        if (accept("0")) {
            if (accept("xX")) {
                digits = "0123456789abcdefABCDEF_";
            } else if (accept("oO")) {
                digits = "01234567_";
            } else if (accept("bB")) {
                digits = "01_";
            }
        }
        acceptRun(digits);
        if (accept(".")) {
            acceptRun(digits);
        }
        if (digits.length() == 11 && accept("eE")) {
            accept("+-");
            acceptRun("0123456789_");
        }
        if (digits.length() == 23 && accept("pP")) {
            accept("+-");
            acceptRun("0123456789_");
        }
        accept("i");
        if (isAlphaNumeric(peek())) {
            nextChar();
            return false;
        }
        return true;
    }

    private State lexQuote() {
        while (true) {
            int r = nextChar();
            if (r == '\\') {
                r = nextChar();
                if (r != EOF_CHAR && r != '\n') {
                    continue;
                }
            }
            if (r == EOF_CHAR || r == '\n') {
                return errorf("unterminated quoted string");
            }
            if (r == '"') {
                break;
            }
        }
        return emit(Type.STRING);
    }

    private State lexRawQuote() {
        while (true) {
            int r = nextChar();
            if (r == EOF_CHAR) {
                return errorf("unterminated raw quoted string");
            }
            if (r == '`') {
                break;
            }
        }
        return emit(Type.RAW_STRING);
    }
}
