package dev.logctx.testsupport;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The classes a compiled class names, read from its constant pool (the JVM class-file format,
 * JVMS 4.4) without loading it: every class entry and every class named in a field or method
 * descriptor or a generic signature. Names are internal names ({@code org/slf4j/MDC}).
 */
public final class ClassFileReferences {
  private static final int MAGIC = 0xCAFEBABE;
  private static final Pattern DESCRIBED = Pattern.compile("L([\\w/$]+)[;<]");

  private ClassFileReferences() {}

  /**
   * The classes that the class file in {@code in} names.
   *
   * @param in a class file, read to its constant pool (not closed)
   * @return internal names, sorted; array types give their element class
   * @throws IOException when it cannot be read or is no class file
   */
  public static Set<String> of(InputStream in) throws IOException {
    DataInputStream data = new DataInputStream(in);
    if (data.readInt() != MAGIC) {
      throw new IOException("not a class file");
    }
    data.readUnsignedShort(); // minor version
    data.readUnsignedShort(); // major version
    int count = data.readUnsignedShort();
    String[] utf8 = new String[count];
    List<Integer> classNames = new ArrayList<>();
    for (int i = 1; i < count; i++) {
      int tag = data.readUnsignedByte();
      switch (tag) {
        case 1 -> utf8[i] = data.readUTF(); // Utf8: u2 length + modified UTF-8, as readUTF reads
        case 7 -> classNames.add(data.readUnsignedShort()); // Class
        case 8, 16, 19, 20 -> data.readUnsignedShort(); // String, MethodType, Module, Package
        case 15 -> data.skipNBytes(3); // MethodHandle
        case 3, 4, 9, 10, 11, 12, 17, 18 -> data.skipNBytes(4); // ints, refs, name-and-type, dynamic
        case 5, 6 -> {
          data.skipNBytes(8); // Long, Double: they take two entries
          i++;
        }
        default -> throw new IOException("unknown constant pool tag " + tag + " at entry " + i);
      }
    }
    Set<String> named = new TreeSet<>();
    for (int index : classNames) {
      String name = utf8[index];
      if (name != null) {
        addClassEntry(name, named);
      }
    }
    for (String text : utf8) {
      if (text != null && text.indexOf(';') >= 0) {
        Matcher found = DESCRIBED.matcher(text);
        while (found.find()) {
          named.add(found.group(1));
        }
      }
    }
    return named;
  }

  private static void addClassEntry(String name, Set<String> named) {
    if (name.startsWith("[")) {
      Matcher element = DESCRIBED.matcher(name);
      if (element.find()) {
        named.add(element.group(1));
      }
    } else {
      named.add(name);
    }
  }
}
