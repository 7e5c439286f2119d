//! A small real SMTP server on a loopback port, for tests and the outbox benchmark: it speaks
//! enough ESMTP for lettre, keeps what it receives, refuses recipients whose address contains
//! "tolak" with a permanent 550, and can be stopped and started again on the same port.

use std::io::{BufRead, BufReader, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

/// One message as the server received it.
#[derive(Debug, Clone)]
pub struct Received {
    pub from: String,
    pub to: Vec<String>,
    pub data: String,
}

pub struct SmtpServer {
    pub port: u16,
    pub received: Arc<Mutex<Vec<Received>>>,
    running: Option<Running>,
}

struct Running {
    stop: Arc<AtomicBool>,
    connections: Arc<Mutex<Vec<TcpStream>>>,
    accept: JoinHandle<()>,
}

impl SmtpServer {
    /// Starts on a free loopback port.
    pub fn start() -> SmtpServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
        let port = listener.local_addr().expect("address").port();
        let mut server = SmtpServer { port, received: Arc::default(), running: None };
        server.run(listener);
        server
    }

    /// Starts again on the same port after `stop`.
    pub fn restart(&mut self) {
        let listener = TcpListener::bind(("127.0.0.1", self.port)).expect("bind the same port again");
        self.run(listener);
    }

    fn run(&mut self, listener: TcpListener) {
        let stop = Arc::new(AtomicBool::new(false));
        let connections: Arc<Mutex<Vec<TcpStream>>> = Arc::default();
        let (flag, conns, received) = (stop.clone(), connections.clone(), self.received.clone());
        let accept = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if flag.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                if let Ok(copy) = stream.try_clone() {
                    conns.lock().expect("lock").push(copy);
                }
                let received = received.clone();
                std::thread::spawn(move || {
                    let _ = session(stream, &received);
                });
            }
        });
        self.running = Some(Running { stop, connections, accept });
    }

    /// Stops listening and drops every open connection: the server is down.
    pub fn stop(&mut self) {
        if let Some(r) = self.running.take() {
            r.stop.store(true, Ordering::SeqCst);
            let _ = TcpStream::connect(("127.0.0.1", self.port));
            let _ = r.accept.join();
            for c in r.connections.lock().expect("lock").drain(..) {
                let _ = c.shutdown(Shutdown::Both);
            }
        }
    }

    pub fn messages(&self) -> Vec<Received> {
        self.received.lock().expect("lock").clone()
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        self.stop();
    }
}

fn address(arg: &str) -> String {
    arg.split_once(':')
        .map(|(_, a)| a)
        .unwrap_or(arg)
        .trim()
        .trim_start_matches('<')
        .split('>')
        .next()
        .unwrap_or_default()
        .to_string()
}

fn session(stream: TcpStream, received: &Mutex<Vec<Received>>) -> std::io::Result<()> {
    // Answer each command at once, as real servers do (Nagle plus delayed ACK costs 40 ms).
    stream.set_nodelay(true)?;
    let mut out = stream.try_clone()?;
    let mut lines = BufReader::new(stream);
    out.write_all(b"220 harmoni-test-smtp ESMTP\r\n")?;
    let (mut from, mut to) = (String::new(), Vec::new());
    let mut line = String::new();
    loop {
        line.clear();
        if lines.read_line(&mut line)? == 0 {
            return Ok(());
        }
        let command = line.trim_end().to_string();
        let upper = command.to_ascii_uppercase();
        if upper.starts_with("EHLO") || upper.starts_with("HELO") {
            out.write_all(b"250-harmoni-test-smtp\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n")?;
        } else if upper.starts_with("MAIL FROM") {
            from = address(&command);
            to.clear();
            out.write_all(b"250 2.1.0 Ok\r\n")?;
        } else if upper.starts_with("RCPT TO") {
            let rcpt = address(&command);
            if rcpt.contains("tolak") {
                out.write_all(b"550 5.1.1 Mailbox unavailable: no such user\r\n")?;
            } else {
                to.push(rcpt);
                out.write_all(b"250 2.1.5 Ok\r\n")?;
            }
        } else if upper == "DATA" {
            out.write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n")?;
            let mut data = String::new();
            loop {
                line.clear();
                if lines.read_line(&mut line)? == 0 {
                    return Ok(());
                }
                if line == ".\r\n" || line == ".\n" {
                    break;
                }
                data.push_str(line.strip_prefix('.').unwrap_or(&line));
            }
            let n = {
                let mut store = received.lock().expect("lock");
                store.push(Received { from: from.clone(), to: to.clone(), data });
                store.len()
            };
            out.write_all(format!("250 2.0.0 Ok: queued as TEST{n}\r\n").as_bytes())?;
        } else if upper == "RSET" || upper == "NOOP" {
            out.write_all(b"250 2.0.0 Ok\r\n")?;
        } else if upper == "QUIT" {
            out.write_all(b"221 2.0.0 Bye\r\n")?;
            return Ok(());
        } else {
            out.write_all(b"502 5.5.2 Command not recognised\r\n")?;
        }
    }
}
