import { ArchiveMember, ArchiveVisitor } from "../inspection/archive-entry";
import { FileReader } from "../inspection/file-reader";
import { visitTar } from "../inspection/tar";
import { visitZip } from "../inspection/zip";

export interface ReadMember extends ArchiveMember {
    /** The content, or why it could not be read. */
    content?: string;
    unreadable?: string;
}

/** Every member of a zip or tar/tgz file as the pack's readers see it, the content of each file read whole. */
export function members(file: string, format: "zip" | "tar"): ReadMember[] {
    const found: ReadMember[] = [];
    const visitor: ArchiveVisitor = {
        member: (member) => {
            found.push({ ...member });
            return "all";
        },
        content: (_member, data) => void (found[found.length - 1].content = data.toString("utf8")),
        unreadable: (_member, message) => void (found[found.length - 1].unreadable = message),
    };
    if (format === "zip") {
        FileReader.with(file, (reader) => visitZip(reader, visitor));
    } else {
        visitTar(file, visitor, Number.MAX_SAFE_INTEGER);
    }
    return found;
}
